/// Minimal JSON string quoting (RFC 8259).
public enum JSON {
    /// `text` as a JSON string literal, quotes included: the same escaping the JSON Lines
    /// reporter writes (``ByteBuffer/appendJSONString(_:)``).
    public static func quote(_ text: String) -> String {
        var output = ByteBuffer(capacity: text.utf8.count + 2)
        output.appendJSONString(text)
        return output.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}
