/// Structure checks of secrets whose format carries one: a bech32 checksum, a Discord
/// bot token's encoded user id, the `user:password` inside HTTP Basic credentials, and
/// the placeholders that fill documentation's connection strings.
extension Validators {
    /// A bech32 string (BIP-173): human-readable part, `1`, data characters, the last
    /// six a BCH checksum over both; one case throughout. age's secret keys
    /// (`AGE-SECRET-KEY-1…`) are bech32, so a mistyped or made-up key fails here.
    public static func hasBech32Checksum(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let separator = value.lastIndex(of: UInt8(ascii: "1")), separator >= 1,
            value.count - separator - 1 >= 6
        else { return false }
        let hasUpper = value.contains { $0 >= 0x41 && $0 <= 0x5A }
        let hasLower = value.contains { $0 >= 0x61 && $0 <= 0x7A }
        guard !(hasUpper && hasLower) else { return false }
        let lowered = value.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var values: [UInt8] = []
        for byte in lowered[..<separator] {
            guard byte >= 33 && byte <= 126 else { return false }
            values.append(byte >> 5)
        }
        values.append(0)
        for byte in lowered[..<separator] { values.append(byte & 31) }
        for byte in lowered[(separator + 1)...] {
            guard let index = bech32Alphabet.firstIndex(of: byte) else { return false }
            values.append(UInt8(index))
        }
        return bech32Polymod(values) == 1
    }

    private static let bech32Alphabet = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)

    /// BIP-173's checksum polynomial over GF(32).
    private static func bech32Polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1ff_ffff) << 5 ^ UInt32(value)
            for bit in 0..<5 where (top >> UInt32(bit)) & 1 == 1 { checksum ^= generator[bit] }
        }
        return checksum
    }

    /// A Discord bot token's first part is the bot's user id (a snowflake of 17 to 20
    /// digits) in base64: three dot-separated parts whose first decodes to digits only.
    public static func isDiscordBotToken(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let dot = value.firstIndex(of: UInt8(ascii: ".")), let id = Base64.decode(value[..<dot]) else {
            return false
        }
        return (17...20).contains(id.count) && id.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// HTTP Basic credentials (and the `auth` of a Docker config): base64 of
    /// `user:password`, printable, both parts present, the password no placeholder.
    public static func isBasicCredential(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let decoded = Base64.decode(value), let colon = decoded.firstIndex(of: UInt8(ascii: ":")),
            colon > 0, colon < decoded.count - 1, decoded.allSatisfy({ $0 >= 0x20 && $0 != 0x7F })
        else { return false }
        // SAFETY: the pointer lives only for the call, over an array slice this function owns.
        return decoded[(colon + 1)...].withUnsafeBufferPointer { isPlausiblePassword($0) }
    }

    /// A password written into a URL or connection string, unless it is one of the
    /// placeholders documentation and templates use (`password`, `changeme`, `****`,
    /// `${DB_PASSWORD}`, `<password>`, `%(pw)s`, `{{ vault_pw }}`).
    public static func isPlausiblePassword(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 4, let first = value.first, value.contains(where: { $0 != first }) else { return false }
        let templating: [UInt8] = Array("${}<>%*".utf8)
        guard !value.contains(where: { templating.contains($0) }) else { return false }
        let text = String(decoding: value, as: UTF8.self).lowercased()
        if placeholderPasswords.contains(text) { return false }
        return !placeholderFragments.contains { text.contains($0) }
    }

    private static let placeholderPasswords: Set<String> = [
        "pass", "passwd", "pwd", "secret", "user", "username", "admin", "root", "test", "guest", "none", "null",
        "empty", "todo", "tbd", "foo", "bar", "baz", "demo", "sample",
    ]
    private static let placeholderFragments = [
        "password", "changeme", "change_me", "example", "placeholder", "your", "redacted", "dummy", "xxxx",
        "secretpassword", "mypass", "hunter2",
    ]
}
