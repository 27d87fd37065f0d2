/// An optional that a JSON object keeps as `null` when absent: synthesized
/// encoding leaves out a nil optional, and an object whose consumers should
/// never have to test for a key (`explain --format json`) cannot.
@propertyWrapper
struct ExplicitNull<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    // Spelled out so that a memberwise initializer takes the optional itself.
    init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}
