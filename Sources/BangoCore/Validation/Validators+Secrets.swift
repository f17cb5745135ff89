import Foundation

/// Structure checks of secrets: a JWT header, a generic secret's entropy.
extension Validators {
    /// A JWT header: base64url that decodes to a JSON object with an `alg` member.
    public static func isJWT(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let dot = value.firstIndex(of: UInt8(ascii: ".")), dot >= 4,
            let decoded = Base64.decode(value[0..<dot])
        else { return false }
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
