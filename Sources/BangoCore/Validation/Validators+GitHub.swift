/// GitHub's token checksum, as GitHub described the 2021 formats: a prefix (`ghp_` and
/// the others), 30 random base62 characters, then the CRC32 (IEEE) of those 30 in base62
/// (`0-9A-Za-z`), left-padded with `0` to six characters. A token with a wrong checksum
/// was never issued: a made-up value in a test or a truncated paste.
extension Validators {
    /// Whether a classic token's checksum holds; fine-grained tokens (`github_pat_`)
    /// have no published checksum and pass.
    public static func hasGitHubChecksum(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if value.starts(with: "github_pat_".utf8) { return true }
        guard value.count == 40, value[3] == UInt8(ascii: "_") else { return false }
        // Six base62 digits hold any CRC32 (62^6 > 2^32), so the last six characters are
        // all of it, most significant first.
        var remainder = crc32(value[4..<34])
        for index in stride(from: 39, through: 34, by: -1) {
            guard value[index] == base62Digits[Int(remainder % 62)] else { return false }
            remainder /= 62
        }
        return true
    }

    private static let base62Digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit: tokens are
    /// short and checked once each.
    static func crc32(_ bytes: some Collection<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// GitLab's routable tokens (2025): prefix, base64url payload, `.`, the payload's
    /// length in base36 (two characters), then the CRC32 of everything before it in
    /// base36, left-padded with `0` to seven characters. Classic tokens (no `.`) have no
    /// checksum and pass.
    public static func hasGitLabChecksum(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let dot = value.lastIndex(of: UInt8(ascii: ".")) else { return true }
        guard value.count - dot - 1 == 9 else { return false }
        let digits = value[(dot + 1)...]
        guard digits.allSatisfy({ base36Value($0) != nil }) else { return false }
        let length = digits.prefix(2).reduce(0) { $0 * 36 + base36Value($1)! }
        // The payload ends at the dot; a prefix (`glpat-`) of five characters or more is before it.
        guard length > 0, length <= dot - 5 else { return false }
        var remainder = crc32(value[..<(value.count - 7)])
        for index in stride(from: value.count - 1, through: value.count - 7, by: -1) {
            guard base36Value(value[index]) == Int(remainder % 36) else { return false }
            remainder /= 36
        }
        return remainder == 0
    }

    private static func base36Value(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - 97 + 10)
        default: nil
        }
    }
}
