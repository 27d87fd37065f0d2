/// One rule of the classifier: a verdict when the record's numbers show its
/// cause, nil otherwise. Each rule cites the docs/kernel-facts.md section it rests on.
protocol ClassificationRule: Sendable {
    func evaluate(_ context: FailureContext) -> Verdict?
}
