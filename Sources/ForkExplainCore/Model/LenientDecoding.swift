extension KeyedDecodingContainer {
    /// Decodes a field, treating a value of the wrong shape like an absent one.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}
