/// Turns what a command shows into its text. Every output of forkexplain
/// (report, check, explain) goes through one, picked by `--format`.
public protocol Renderer<Subject>: Sendable {
    associatedtype Subject
    func render(_ subject: Subject) throws -> String
}
