/// `type`: what a line holds. Types added by later schemas are kept, not rejected.
enum RecordType: Sendable, Hashable, Decodable {
    case failure
    case tally
    case other(String)

    init(from decoder: Decoder) throws {
        let word = try decoder.singleValueContainer().decode(String.self)
        switch word {
        case "failure": self = .failure
        case "tally": self = .tally
        default: self = .other(word)
        }
    }
}
