import BangoCore
import BangoTestSupport
import Foundation
import Testing

@testable import BangoScan

/// The same document in every format a file share holds, from plain UTF-8 to a zip
/// inside a zip: each must give the same findings at medium and above as the plain text,
/// every planted identifier found and no decoy (UUIDs, hashes, hex dumps, stamps, order
/// numbers, versions, base64, tokens and numbers with bad checksums) reported.
///
/// Identifiers are synthetic: the My Number and corporate number get their check digits
/// from `SyntheticIdentifiers`; the card is the issuers' published 4111… test number; the
/// GitHub token is 30 random base62 characters and their CRC32; the IBAN is the ECBS
/// example.
@Suite struct FormatParityTests {
    static let identifiers: (myNumber: String, corporate: String, invalidMyNumber: String) = {
        var ids = SyntheticIdentifiers(seed: 7)
        return (ids.myNumber(), ids.corporateNumber(), ids.invalidMyNumber())
    }()
    static let myNumber = identifiers.myNumber
    static let corporate = identifiers.corporate

    /// What must be found, one per line, at these levels.
    static let planted: [(line: String, expected: String)] = [
        ("個人番号：\(myNumber)", "jp.my_number high"),
        ("取引先 法人番号 \(corporate)", "jp.corporate_number high"),
        ("カード番号 4111 1111 1111 1111 有効期限 12/30", "payment_card high"),
        ("電話番号 090-1234-5678", "jp.phone medium"),
        ("振込先 IBAN DE89 3704 0044 0532 0130 00", "iban high"),
        ("token: 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", "secret.github_token high"),
    ]

    /// Nothing here may reach medium, although each sits beside a keyword.
    static let decoys = [
        "個人番号 id 3f2504e0-4f89-11d3-9a0c-\(myNumber)",
        "個人番号,登録日時 202601070903",
        "個人番号 注文 ORDER-\(myNumber)",
        "個人番号：\(identifiers.invalidMyNumber)",
        "カード番号 4111 1111 1111 1112",
        "token: ghp_6dimfXyFHlGIk4gSJThtPPnw7GEtvK0qdWcm",
        "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "md5 5d41402abc4b2a76b9719d911017c592",
        "0000: 3132 3334 3536 3738 3930 3138 0a0b 0c0d",
        "version 1.2.3.4567 build 20241129.1530 release 2024.11.29",
        "注文番号 0123456789 2024-11-29 10:23:45 ¥1,234,567",
        "data:image/png;base64,QUJDREVGR0hJSktMTU5PUFFSU1Q\(myNumber)VVZXWFla",
        "tracking 123456789012345678",
    ]

    static var lines: [String] {
        var lines: [String] = []
        for (index, decoy) in decoys.enumerated() {
            lines.append(decoy)
            if index < planted.count { lines.append(planted[index].line) }
            // Filler keeps each line's keyword out of the next lines' reach (300 characters).
            lines.append(String(repeating: "備考：特記事項なし。", count: 32))
        }
        return lines
    }

    static var text: String { lines.joined(separator: "\n") + "\n" }

    /// The document in each format, by file name.
    static var formats: [(String, [UInt8])] {
        let utf8 = Array(text.utf8)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        // Word splits a paragraph into runs wherever the formatting changes.
        let paragraphs = lines.map { line -> String in
            let middle = line.index(line.startIndex, offsetBy: line.count / 2)
            return Fixture.wordParagraph([String(line[..<middle]), String(line[middle...])])
        }
        return [
            ("plain.txt", utf8),
            ("sjis.txt", encode(text, as: "CP932")),
            ("utf16.txt", utf16),
            ("book.xlsx", Fixture.xlsx([("Sheet1", lines.map { [$0] })])),
            ("form.docx", Fixture.docx(body: paragraphs.joined())),
            ("deck.pptx", Fixture.pptx(slides: lines)),
            ("report.pdf", PDFFixture.make(pages: [text])),
            ("archive.zip", Fixture.zip([("doc.txt", utf8)])),
            ("nested.zip", Fixture.zip([("inner/inner.zip", Fixture.zip([("doc.txt", utf8)]))])),
            ("doc.txt.gz", Fixture.gzip(utf8)),
        ]
    }

    @Test func theDocumentIsWhatItSays() {
        #expect(encode(Self.text, as: "CP932").count > Self.text.utf8.count / 2)  // CP932 could encode it all
        #expect(Self.lines.count == Self.decoys.count * 2 + Self.planted.count)
    }

    @Test(arguments: formats.map(\.0))
    func everyFormatReportsThePlantedIdentifiersAndNoDecoy(_ name: String) throws {
        let bytes = try #require(Self.formats.first { $0.0 == name }?.1)
        let directory = TemporaryDirectory()
        let result = try scan([directory.write(name, bytes: bytes)])
        let found = result.findings.filter { $0.confidence >= .medium }.map { "\($0.detector) \($0.confidence)" }
        #expect(found.sorted() == Self.planted.map(\.expected).sorted(), "\(name)")
        #expect(result.manifest.summary.failedCount == 0 && result.manifest.summary.skippedCount == 0, "\(name)")
    }
}

/// A column headed 個人番号 makes every row's number keyword-backed, however far down:
/// in a CSV, in a workbook, zipped or gzipped alike.
@Suite struct TableParityTests {
    static let rows: [[String]] = {
        var ids = SyntheticIdentifiers(seed: 11)
        return [["社員番号", "氏名", "個人番号"]] + (0..<40).map { ["\(10_001 + $0)", "山田 太郎", ids.myNumber()] }
    }()

    static var csv: [UInt8] { Array((rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").utf8) }

    static var formats: [(String, [UInt8])] {
        [
            ("staff.csv", csv),
            ("staff.xlsx", Fixture.xlsx([("名簿", rows)])),
            ("export.zip", Fixture.zip([("staff.csv", csv)])),
            ("staff.csv.gz", Fixture.gzip(csv)),
        ]
    }

    @Test(arguments: formats.map(\.0))
    func everyRowOfTheColumnIsHigh(_ name: String) throws {
        let bytes = try #require(Self.formats.first { $0.0 == name }?.1)
        let directory = TemporaryDirectory()
        let result = try scan([directory.write(name, bytes: bytes)])
        let levels = result.findings.filter { $0.detector == "jp.my_number" }.map(\.confidence)
        #expect(levels.count == 40, "\(name)")
        #expect(levels.allSatisfy { $0 == .high }, "\(name): \(levels.filter { $0 != .high }.count) rows not high")
    }
}
