/// Masking: every output shows at most the last four characters of a value.
public enum Masking {
    /// `********9018` for `123456789018`; values of four characters or fewer are masked
    /// completely, so the mask never shows the whole value. Long values (keys, tokens)
    /// get at most 16 stars, so a report line stays readable.
    public static func mask(_ normalizedValue: UnsafeBufferPointer<UInt8>) -> String {
        if normalizedValue.allSatisfy({ $0 < 0x80 }) {
            // ASCII, the usual case: one byte per character, no decoding.
            let shown = normalizedValue.count > 4 ? 4 : 0
            let stars = min(normalizedValue.count - shown, 16)
            return String(unsafeUninitializedCapacity: stars + shown) { output in
                for index in 0..<stars { output[index] = UInt8(ascii: "*") }
                for index in 0..<shown {
                    output[stars + index] = normalizedValue[normalizedValue.count - shown + index]
                }
                return stars + shown
            }
        }
        let characters = Array(String(decoding: normalizedValue, as: UTF8.self))
        let shown = characters.count > 4 ? 4 : 0
        let stars = min(characters.count - shown, 16)
        return String(repeating: "*", count: stars) + String(characters.suffix(shown))
    }

    /// Convenience for tests and tools.
    public static func mask(_ normalizedValue: String) -> String {
        // SAFETY: the array outlives the closure, which reads it only.
        Array(normalizedValue.utf8).withUnsafeBufferPointer { mask($0) }
    }
}
