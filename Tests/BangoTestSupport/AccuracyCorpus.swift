/// A seeded document of identifiers written the ways people write them and of decoys
/// that look like them, with the answer key: for measuring precision and recall per
/// file format. Every identifier is synthetic: random digits completed with the check
/// digit each validator expects (My Number mod 11, corporate mod 9, Luhn for cards and
/// SINs, ISO 7064 mod 97 for IBANs, CRC32 for GitHub tokens); decoys get a wrong one.
public struct AccuracyCorpus: Sendable {
    /// One line of the document and, when it holds an identifier that must be reported
    /// at medium or above, `detector last4` (the last four characters of its value,
    /// which is all a masked finding shows).
    public struct Record: Sendable {
        public let line: String
        public let expected: String?
    }

    public private(set) var records: [Record] = []
    private var ids: SyntheticIdentifiers

    public init(seed: UInt64, count: Int) {
        ids = SyntheticIdentifiers(seed: seed)
        for index in 0..<count { records.append(index % 2 == 0 ? positive() : decoy()) }
    }

    /// The lines, each followed by filler that keeps one record's keyword out of the
    /// next record's reach (jp.phone's 50 characters; others use 300, and the decoys are
    /// built to stay below medium even beside their keyword).
    public var lines: [String] { records.flatMap { [$0.line, "備考：特記事項はありません。確認済み、以上です。よろしくお願いいたします。"] } }

    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// The answer key as a sorted list of `detector last4`.
    public var expected: [String] { records.compactMap(\.expected).sorted() }

    private mutating func digits(_ count: Int) -> [Int] { (0..<count).map { _ in ids.int(in: 0...9) } }

    private static func grouped(_ text: String, _ separator: String, every size: Int = 4) -> String {
        var output = ""
        for (index, character) in text.enumerated() {
            if index > 0 && index % size == 0 { output += separator }
            output.append(character)
        }
        return output
    }

    private static func fullWidth(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    ("0"..."9").contains($0) ? Unicode.Scalar($0.value - 0x30 + 0xFF10)! : $0 == "-" ? "\u{FF0D}" : $0
                }))
    }

    private static func luhnCheck(_ body: [Int]) -> Int {
        let sum = body.reversed().enumerated().map { index, digit in
            index % 2 == 0 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit
        }.reduce(0, +)
        return (10 - sum % 10) % 10
    }

    private mutating func card(valid: Bool) -> String {
        let body = [4] + digits(14)
        let check = Self.luhnCheck(body)
        return (body + [valid ? check : (check + 1) % 10]).map(String.init).joined()
    }

    private mutating func sin(valid: Bool) -> String {
        let body = [ids.pick([1, 2, 3, 4, 5, 6, 7, 9])] + digits(7)
        let check = Self.luhnCheck(body)
        return (body + [valid ? check : (check + 3) % 10]).map(String.init).joined()
    }

    /// A German IBAN: DE, ISO 7064 mod 97-10 check digits, 18 digits of bank and account.
    private mutating func iban(valid: Bool) -> String {
        let account = digits(18).map(String.init).joined()
        // DE = 13 14, then 00, moved behind the account.
        let numeric = account + "131400"
        let remainder = numeric.reduce(0) { ($0 * 10 + Int(String($1))!) % 97 }
        var check = 98 - remainder
        if !valid { check = check == 2 ? 3 : check - 1 }
        return "DE" + (check < 10 ? "0" : "") + String(check) + account
    }

    private mutating func githubToken(valid: Bool) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let body = String((0..<30).map { _ in ids.pick(alphabet) })
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in body.utf8 {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        var remainder = ~crc
        var checksum = ""
        for _ in 0..<6 {
            checksum = String(alphabet[Int(remainder % 62)]) + checksum
            remainder /= 62
        }
        if !valid { checksum = String(checksum.dropLast()) + (checksum.last == "A" ? "B" : "A") }
        return "ghp_" + body + checksum
    }

    private static func last4(_ value: String) -> String {
        String(value.filter { $0.isLetter || $0.isNumber }.suffix(4))
    }

    private mutating func positive() -> Record {
        switch ids.int(in: 0...11) {
        case 0, 1:
            let number = ids.myNumber()
            let written = ids.pick([
                number, Self.grouped(number, " "), Self.grouped(number, "-"), Self.fullWidth(number),
                Self.grouped(Self.fullWidth(number), "\u{3000}"),
            ])
            let label = ids.pick(["個人番号：", "マイナンバー ", "My Number: ", "個人番号(12桁) "])
            return Record(line: label + written, expected: "jp.my_number " + Self.last4(number))
        case 2:
            let number = ids.corporateNumber()
            let line = ids.pick(["法人番号 \(number)", "登録番号 T\(number)", "取引先（法人番号：\(Self.fullWidth(number))）"])
            return Record(line: line, expected: "jp.corporate_number " + Self.last4(number))
        case 3:
            let number = card(valid: true)
            let written = ids.pick([number, Self.grouped(number, " "), Self.grouped(number, "-")])
            let label = ids.pick(["カード番号 ", "Card number: ", "クレジットカード "])
            return Record(line: label + written + " 有効期限 12/30", expected: "payment_card " + Self.last4(number))
        case 4:
            let local = "0\(ids.pick([70, 80, 90]))-\(ids.int(in: 1000...9999))-\(ids.int(in: 1000...9999))"
            let line = ids.pick(["電話番号：\(local)", "TEL \(local)", "携帯 \(Self.fullWidth(local))"])
            return Record(line: line, expected: "jp.phone " + Self.last4(local))
        case 5:
            let value = iban(valid: true)
            return Record(line: "振込先 IBAN " + Self.grouped(value, " "), expected: "iban " + Self.last4(value))
        case 6:
            let number = sin(valid: true)
            let written = Self.grouped(number, ids.pick(["-", " "]), every: 3)
            let label = ids.pick(["SIN: ", "Social Insurance Number ", "employee SIN "])
            return Record(line: label + written, expected: "ca.sin " + Self.last4(number))
        case 7:
            let token = githubToken(valid: true)
            return Record(line: "GH_TOKEN=" + token, expected: "secret.github_token " + Self.last4(token))
        case 8:
            let number = ids.myNumber()
            return Record(line: "氏名 山田太郎 個人番号 \(number) 提出済", expected: "jp.my_number " + Self.last4(number))
        case 10:
            let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
            let key = "AKIA" + String((0..<16).map { _ in ids.pick(base32) })
            return Record(line: "aws_access_key_id = \(key)", expected: "secret.aws_access_key " + Self.last4(key))
        case 11:
            let letters = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
            let password = String((0..<16).map { _ in ids.pick(letters) })
            return Record(
                line: "DATABASE_URL=postgres://app:\(password)@db.internal:5432/hr",
                expected: "secret.database_url_password " + Self.last4(password))
        default:
            let number = ids.corporateNumber()
            return Record(line: "Corporate Number \(number)", expected: "jp.corporate_number " + Self.last4(number))
        }
    }

    private mutating func decoy() -> Record {
        let line: String
        switch ids.int(in: 0...17) {
        case 0: line = "個人番号 id 3f2504e0-4f89-11d3-9a0c-\(ids.myNumber())"
        case 1:
            line =
                "個人番号,登録日時 20\(ids.int(in: 10...35))0\(ids.int(in: 1...9))1\(ids.int(in: 0...9))0\(ids.int(in: 0...9))\(ids.int(in: 10...59))"
        case 2: line = "個人番号 注文 ORDER-\(ids.myNumber())"
        case 3: line = "個人番号：\(ids.invalidMyNumber())"
        case 4: line = "法人番号 \(ids.invalidCorporateNumber())"
        case 5: line = "カード番号 \(Self.grouped(card(valid: false), " "))"
        case 6: line = "token: \(githubToken(valid: false))"
        case 7: line = "振込先 IBAN \(Self.grouped(iban(valid: false), " "))"
        case 8: line = "SIN: \(Self.grouped(sin(valid: false), "-", every: 3))"
        case 9:
            let hex = (0..<64).map { _ in String(ids.int(in: 0...15), radix: 16) }.joined()
            line = "sha256 \(hex)"
        case 10: line = "0000: 3132 3334 3536 3738 \(ids.myNumber().prefix(4)) 3138 0a0b 0c0d"
        case 11: line = "version 1.2.3.\(ids.int(in: 1000...9999)) build 20241129.\(ids.int(in: 1000...2359))"
        case 12: line = "data:image/png;base64,QUJDREVGR0hJSktMTU5PUFFSU1Q\(ids.myNumber())VVZXWFla"
        case 14: line = "{\"event\":\"login\",\"ts\":17\(ids.int(in: 10_000_000_000...99_999_999_999))}"
        case 15: line = "DATABASE_URL=postgres://user:password@localhost:5432/app"
        case 16: line = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE  # AWS's documentation example"
        case 17: line = "password: ${DB_PASSWORD}  api_key: {{ vault_api_key }}"
        default: line = "注文番号 \(ids.int(in: 1_000_000_000...9_999_999_999)) 2024-11-29 10:23:45 ¥1,234,567"
        }
        return Record(line: line, expected: nil)
    }
}
