import Foundation

/// `forkexplain explain --format json`: the same explanation as the text,
/// as one object for chat bots and scripts (docs/design.md, "explain
/// --format json"). Every key is always present, null (`ExplicitNull`) or
/// empty when the text has nothing for it, so that a consumer never tests
/// for a key.
public struct ExplanationJSONRenderer: Renderer {
    public typealias Subject = Explanation

    /// Raised only by an incompatible change of the object.
    public static let schema = 1

    public init() {}

    public func render(_ explanation: Explanation) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(Output(explanation)), as: UTF8.self) + "\n"
    }

    struct Line: Encodable, Sendable {
        var number: Int
        var text: String
    }

    /// The text's advice split the way a cause's is: its sentences, the
    /// commands without the prompt the text indents them with, the fix.
    struct NotATask: Encodable, Sendable {
        var kind: String
        var summary: [String]
        var checks: [String]
        @ExplicitNull var fix: String?

        init(kind: String, advice: [String]) {
            self.kind = kind
            summary = []
            checks = []
            for line in advice {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("$ ") {
                    checks.append(String(trimmed.dropFirst(2)))
                } else if trimmed.hasPrefix("Fix: ") {
                    fix = String(trimmed.dropFirst(5))
                } else if trimmed != "Check:" && !trimmed.isEmpty {
                    summary.append(trimmed)
                }
            }
        }
    }

    struct Known: Encodable, Sendable {
        var id: String
        var title: String
        var reason: String
        var checks: [String]
        var fixes: [String]
    }

    struct Cause: Encodable, Sendable {
        var id: String
        var title: String
        @ExplicitNull var condition: String?
        var checks: [String]
        @ExplicitNull var then: String?
    }

    struct Output: Encodable, Sendable {
        var schema = ExplanationJSONRenderer.schema
        var linesRead: [Line]
        var linesTotal: Int
        var readWhole: Bool
        var says: String
        var errnos: [String]
        var kind: String
        @ExplicitNull var program: String?
        @ExplicitNull var note: String?
        var hints: [String]
        var limitsRead: [String]
        var notes: [String]
        @ExplicitNull var notATask: NotATask?
        @ExplicitNull var knownCause: Known?
        var causes: [Cause]
        @ExplicitNull var conclusion: String?

        init(_ explanation: Explanation) {
            let message = explanation.message
            linesRead = message.excerpt.used.map { Line(number: $0.number, text: $0.text) }
            linesTotal = message.excerpt.total
            readWhole = message.excerpt.readWhole
            says = ExplanationText.says(explanation)
            errnos = explanation.errnos
            kind = Self.name(message.kind)
            program = message.program
            note = message.programNote
            hints = message.hints
            limitsRead = message.limitsRead
            notes = message.notes
            notATask = message.notTask.map { NotATask(kind: Self.name($0), advice: $0.advice) }
            knownCause = explanation.known.map {
                Known(id: $0.cause.id, title: $0.cause.title, reason: $0.reason, checks: $0.checks, fixes: $0.fixes)
            }
            causes =
                ExplanationText.listsCauses(explanation)
                ? explanation.causes.map {
                    Cause(id: $0.id, title: $0.title, condition: $0.condition, checks: $0.checks, then: $0.then)
                } : []
            conclusion = ExplanationText.conclusion(explanation)
        }

        static func name(_ kind: CallKind) -> String {
            switch kind {
            case .process: "process"
            case .thread: "thread"
            case .unknown: "unknown"
            }
        }

        /// Stable names for what the text is instead of a task's failure.
        static func name(_ notTask: NotATaskText) -> String {
            switch notTask {
            case .oomKill: "oom_kill"
            case .fileLimit(.diskFull): "disk_full"
            case .fileLimit(.inotifyWatches): "inotify_watches"
            case .fileLimit(.inotifyInstances): "inotify_instances"
            case .fileLimit(.openFiles): "open_files"
            case .noTaskNamed: "no_task_named"
            }
        }
    }
}
