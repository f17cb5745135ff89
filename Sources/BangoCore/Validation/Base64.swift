/// base64 in either alphabet (`+/` of RFC 4648 §4 or `-_` of §5): the secret checks
/// decode tokens with it, and the e-mail reader its bodies.
public enum Base64 {
    /// The six bits one character stands for, or nil for a character of neither alphabet.
    @inline(__always)
    public static func sextet(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte) - 65
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte) - 97 + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte) - 48 + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: nil
        }
    }

    /// Decodes `text`, with or without padding; nil when a character is outside both
    /// alphabets or the length cannot be base64. `skippingOthers`: characters of
    /// neither alphabet (line breaks, padding, stray bytes in an e-mail body) are
    /// passed over instead, and the result is never nil.
    public static func decode(_ text: some Collection<UInt8>, skippingOthers: Bool = false) -> [UInt8]? {
        var count = text.count
        if !skippingOthers {
            var trailing = text.reversed().makeIterator()
            while count > 0, trailing.next() == UInt8(ascii: "=") { count -= 1 }
            guard count % 4 != 1 else { return nil }
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(count * 3 / 4)
        var accumulator = 0
        var bits = 0
        for byte in text.prefix(count) {
            guard let sextet = sextet(byte) else {
                if skippingOthers { continue }
                return nil
            }
            accumulator = (accumulator << 6 | sextet) & 0xFFFF
            bits += 6
            if bits >= 8 {
                bits -= 8
                decoded.append(UInt8((accumulator >> bits) & 0xFF))
            }
        }
        return decoded
    }
}
