/// `type`: what a line holds. Types added by later schemas are kept, not rejected.
enum RecordType: Sendable, Hashable {
    case failure
    case tally
    case other(String)
}
