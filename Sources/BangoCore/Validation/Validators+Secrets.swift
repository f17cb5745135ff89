import Foundation

/// Structure checks of secrets: a JWT header, a generic secret's entropy.
extension Validators {
    /// A JWT header: base64url that decodes to a JSON object with an `alg` member.
    public static func isJWT(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let dot = value.firstIndex(of: UInt8(ascii: ".")), dot >= 4 else { return false }
        var bits = 0
        var accumulator = 0
        var decoded: [UInt8] = []
        for byte in value[0..<dot] {
            let sextet: Int
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): sextet = Int(byte - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): sextet = Int(byte - 97 + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sextet = Int(byte - 48 + 52)
            case UInt8(ascii: "-"): sextet = 62
            case UInt8(ascii: "_"): sextet = 63
            default: return false
            }
            accumulator = (accumulator << 6) | sextet
            bits += 6
            if bits >= 8 {
                bits -= 8
                decoded.append(UInt8((accumulator >> bits) & 0xFF))
            }
        }
        guard decoded.first == UInt8(ascii: "{") else { return false }
        let header = String(decoding: decoded, as: UTF8.self)
        return header.contains("\"alg\"")
    }

    /// Generic secrets: long enough, random enough, and not an obvious placeholder.
    public static func isHighEntropySecret(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 12 else { return false }
        var counts = [Int](repeating: 0, count: 256)
        for byte in value { counts[Int(byte)] += 1 }
        var entropy = 0.0
        let total = Double(value.count)
        for count in counts where count > 0 {
            let probability = Double(count) / total
            entropy -= probability * log2(probability)
        }
        let text = String(decoding: value, as: UTF8.self).lowercased()
        let placeholders = ["changeme", "password", "example", "xxxxxx", "your_", "<", "${", "{{", "redacted", "dummy"]
        if placeholders.contains(where: { text.contains($0) }) { return false }
        return entropy >= 3.0
    }
}
