import BangoCore
import BangoTestSupport
import Foundation
import Testing

@testable import BangoScan

/// Archives, office documents, PDFs and e-mail: findings with their member and location,
/// and every malformed, hostile or unreadable case recorded in the manifest while the
/// rest is still scanned. Identifiers are synthetic or the issue's published vectors.
@Suite struct ContainerTests {
    /// "member|location line:column detector confidence" of each finding, sorted.
    static func places(_ result: ScanResult) -> [String] {
        result.findings.map {
            "\($0.member ?? "-")|\($0.location ?? "-") \($0.line):\($0.column) \($0.detector) \($0.confidence)"
        }.sorted()
    }

    static func entry(_ result: ScanResult, member: String?) -> ManifestEntry? {
        result.manifest.sortedEntries.first { $0.member == member && $0.status != .scanned }
    }

    func scanOne(_ name: String, _ bytes: [UInt8], configure: (inout ScanConfiguration) -> Void = { _ in }) throws
        -> ScanResult
    {
        let directory = TemporaryDirectory()
        let path = directory.write(name, bytes: bytes)
        return try scan([path], configure: configure)
    }

    // MARK: Archives

    @Test func nestedZipMembersAreNamedWithBangSlash() throws {
        let inner = Fixture.zip([("deep/名簿.csv", "氏名,個人番号\n山田,123456789018\n")])
        let outer = Fixture.zip([
            ("memo.txt", Array("マイナンバー 6214 9832 0257\n".utf8)), ("backup/inner.zip", inner),
            ("sjis.txt", encode("個人番号 111111111118\n", as: "CP932")),
        ])
        let result = try scanOne("share.zip", outer)
        #expect(
            Self.places(result) == [
                "backup/inner.zip!/deep/名簿.csv|- 2:4 jp.my_number high",
                "memo.txt|- 1:8 jp.my_number high",
                "sjis.txt|- 1:6 jp.my_number high",
            ])
        #expect(result.findings.first { $0.member == "sjis.txt" }?.encoding == "shift_jis")
        #expect(result.findings.allSatisfy { $0.path.hasSuffix("share.zip") })
        #expect(result.manifest.summary.scannedFiles == 1)
    }

    @Test func aDamagedMemberIsScannedAndItsRepairNoted() throws {
        // Two bad sequences among some seventy characters: still detected as Shift_JIS.
        let note = "備考：扶養控除等申告書の提出済み、確認者は総務部の担当者\n"
        let damaged =
            encode("個人番号 123456789018\n" + note + note, as: "CP932")
            + [0x82, 0x20, 0xFF] + encode("\n社員 個人番号 621498320257\n", as: "CP932")
        let result = try scanOne("export.zip", Fixture.zip([("sjis.csv", damaged)]))
        #expect(result.findings.map(\.line) == [1, 5])
        #expect(result.findings.allSatisfy { $0.confidence == .high })
        let entry = try #require(result.manifest.sortedEntries.first { $0.member == "sjis.csv" })
        #expect(entry.status == .scanned && entry.encoding == "shift_jis")
        #expect(entry.detail == "2 invalid byte sequences replaced with U+FFFD")
    }

    @Test func cp932NamesWithoutTheUTF8FlagDecode() throws {
        let name = encode("人事/社員名簿.txt", as: "CP932")
        let result = try scanOne("old.zip", Fixture.zip(rawName: name, content: "個人番号 123456789018\n"))
        #expect(result.findings.map(\.member) == ["人事/社員名簿.txt"])
    }

    @Test func tarGzipAndTheirCombination() throws {
        let log = Array("2024-11-29 WARN user payload 法人番号 5835678256246\n".utf8)
        let tar = Fixture.tar([("logs/app.log", log), ("logs/empty.txt", [])])
        let plain = try scanOne("logs.tar", tar)
        #expect(Self.places(plain) == ["logs/app.log|- 1:35 jp.corporate_number high"])
        let compressed = try scanOne("logs.tar.gz", Fixture.gzip(tar))
        #expect(Self.places(compressed) == ["logs/app.log|- 1:35 jp.corporate_number high"])
        let dump = try scanOne(
            "dump.sql.gz", Fixture.gzip(Array("INSERT INTO staff VALUES ('my number', '123456789018');\n".utf8)))
        #expect(Self.places(dump) == ["-|- 1:41 jp.my_number high"])
    }

    @Test func aTruncatedGzipIsRecordedAndItsStartScanned() throws {
        var body = "個人番号 123456789018\n"
        body += String(repeating: "filler line without numbers\n", count: 4000)
        let whole = Fixture.gzip(Array(body.utf8))
        let result = try scanOne("cut.log.gz", Array(whole.prefix(whole.count / 2)))
        #expect(result.findings.map(\.line) == [1])
        let failure = try #require(Self.entry(result, member: nil))
        #expect(failure.reason == .corrupt)
        #expect(failure.detail?.contains("truncated gzip") == true)
    }

    @Test func aCorruptZipIsRecordedNotFatal() throws {
        let directory = TemporaryDirectory()
        directory.write("broken.zip", bytes: Array("PK\u{03}\u{04}".utf8) + Array(repeating: 0x41, count: 500))
        directory.write("fine.txt", "個人番号 123456789018\n")
        let result = try scan([directory.path])
        #expect(result.findings.count == 1)
        let failure = try #require(result.entries(.corrupt).first)
        #expect(failure.path.hasSuffix("broken.zip") && failure.status == .failed)
    }

    /// Found by fuzzing: a central directory pointing past the end of the archive made
    /// ZIPFoundation's in-memory reader trap. Archives are now read from a private file.
    @Test func aDirectoryPointingPastTheEndIsRecorded() throws {
        var archive = Fixture.zip([("a.txt", "個人番号 123456789018\n"), ("b.txt", "個人番号 621498320257\n")], stored: true)
        let directory = ZipArchive.centralDirectory(archive).records
        let second = try #require(directory.last).range.lowerBound
        for offset in 42..<46 { archive[second + offset] = 0x7F }  // local header offset of b.txt: ~2 GiB
        let result = try scanOne("far.zip", archive)
        #expect(result.findings.count <= 1)
        #expect(result.manifest.sortedEntries.contains { $0.status == .failed && $0.reason == .corrupt })
    }

    @Test func anEncryptedMemberIsRecordedAndTheRestScanned() throws {
        let archive = Fixture.markEncrypted(Fixture.zip([("secret.txt", "個人番号 123456789018\n")], stored: true))
        let mixed = Fixture.zip([("locked.zip", archive), ("open.txt", Array("個人番号 621498320257\n".utf8))])
        let result = try scanOne("mixed.zip", mixed)
        #expect(result.findings.map(\.member) == ["open.txt"])
        let failure = try #require(Self.entry(result, member: "locked.zip!/secret.txt"))
        #expect(failure.reason == .encrypted && failure.status == .failed)
    }

    @Test func aZipBombStopsAtItsLimits() throws {
        // 64 MiB of zeros deflate to about 64 KiB: a ratio of about 1000:1.
        let zeros = [UInt8](repeating: 0x30, count: 64 << 20)
        let bomb = Fixture.zip([("zeros.txt", zeros), ("note.txt", Array("個人番号 123456789018\n".utf8))])
        let result = try scanOne("bomb.zip", bomb)
        let limit = try #require(Self.entry(result, member: "zeros.txt"))
        #expect(limit.reason == .archiveLimit)
        #expect(limit.detail?.contains("compression ratio") == true)
        #expect(result.findings.map(\.member) == ["note.txt"])

        // The total-bytes limit holds even where the ratio does not trip it.
        let total = try scanOne("bomb.zip", bomb) {
            $0.containerLimits.maxRatio = 10_000
            $0.containerLimits.maxTotalBytes = 8 << 20
        }
        #expect(Self.entry(total, member: "zeros.txt")?.detail?.contains("decompressed bytes") == true)
    }

    @Test func deepNestingStopsAtTheDepthLimit() throws {
        var archive = Fixture.zip([("core.txt", "個人番号 123456789018\n")])
        for level in 0..<12 { archive = Fixture.zip([("level\(level).zip", archive)]) }
        let result = try scanOne("deep.zip", archive)
        #expect(result.findings.isEmpty)
        let limit = try #require(result.entries(.archiveLimit).first)
        #expect(limit.detail?.contains("nested deeper than 8") == true)
        #expect(limit.member?.components(separatedBy: "!/").count == 8)

        let shallow = try scanOne("deep.zip", archive) { $0.containerLimits.maxDepth = 20 }
        #expect(shallow.findings.count == 1)
        #expect(shallow.findings.first?.member?.hasSuffix("level0.zip!/core.txt") == true)
    }

    @Test func memberCountIsLimited() throws {
        let many = Fixture.zip((0..<30).map { ("f\($0).txt", "個人番号 123456789018\n") }, stored: true)
        let result = try scanOne("many.zip", many) { $0.containerLimits.maxMembers = 10 }
        #expect(result.findings.count == 10)
        #expect(result.entries(.archiveLimit).count == 20)
    }

    @Test func archivesAreBytesWhenUnpackingIsOff() throws {
        let archive = Fixture.zip([("a.txt", "個人番号 123456789018\n")], stored: true)
        let result = try scanOne("a.zip", archive) { $0.unpackContainers = false }
        #expect(result.findings.allSatisfy { $0.member == nil })
    }

    // MARK: Office documents

    @Test func xlsxCellsWithSheetLocationsAndColumnHeaders() throws {
        var generator = SyntheticIdentifiers(seed: 31)
        var rows: [[String]] = [["社員番号", "氏名", "個人番号"]]
        for row in 0..<30 { rows.append(["\(1000 + row)", "社員\(row)", generator.myNumber()]) }
        let asNumber = generator.myNumber()
        // Numbers stored as numbers, one in the exponent form Excel writes.
        let exponent = asNumber.prefix(1) + "." + asNumber.dropFirst() + "E+11"
        let book = Fixture.xlsx([
            ("名簿", rows),
            ("数値", [["My Number"], [String(exponent)], ["inline:個人番号 621498320257"], ["3.14"]]),
        ])
        let result = try scanOne("社員.xlsx", book)
        let employees = result.findings.filter { $0.location?.hasPrefix("名簿!") == true }
        #expect(employees.count == 30)
        #expect(employees.allSatisfy { $0.confidence == .high })  // the column header counts, 30 rows down
        #expect(Set(employees.map { $0.location ?? "" }) == Set((2...31).map { "名簿!C\($0)" }))
        let numbers = result.findings.filter { $0.location?.hasPrefix("数値!") == true }.map { $0.location ?? "" }
            .sorted()
        #expect(numbers == ["数値!A2", "数値!A3"])
        #expect(result.findings.allSatisfy { $0.member == nil })
    }

    @Test func aWorksheetColumnNamesAWordTriggeredDetector() throws {
        // A German identity card number (the published specimen's serial) under an
        // "Ausweisnummer" header, with no trigger word beside it.
        let book = Fixture.xlsx([
            ("Personal", [["Name", "Ausweisnummer"], ["Muster", "L01X00T471"], ["Probe", "L01X00T472"]])
        ])
        let result = try scanOne("personal.xlsx", book)
        #expect(
            result.findings.map { "\($0.detector) \($0.confidence) \($0.location ?? "")" } == [
                "de.id_card high Personal!B2"
            ])
    }

    @Test func sheetXMLEntitiesSectionsAndDamage() throws {
        let sheet =
            #"<?xml version="1.0"?><!-- made by hand --><worksheet><sheetData><row r="3"><c r="B3" t="inlineStr"><is><t>A&amp;B &#x500B;&#20154; <![CDATA[<raw>]]></t></is></c><c r="D3" t='s'><v>0</v></c><c r="E3"/></row><row r="4"/></sheetData></worksheet>"#
        let (text, intact) = readWorksheet(Array(sheet.utf8), name: "S", sharedStrings: ["共有"])
        #expect(intact)
        #expect(String(decoding: text.text, as: UTF8.self) == "\tA&B 個人 <raw>\t\t共有\n\n")
        #expect(text.rowNumbers == [3, 4])
        #expect(text.location(line: 1, column: 2, lineStarts: text.lineStarts()) == "S!B3")
        #expect(text.location(line: 1, column: 16, lineStarts: text.lineStarts()) == "S!D3")
        // Cut inside a tag: the rows before it are kept, the damage reported.
        let firstCellEnd = try #require(sheet.range(of: "</c>")?.upperBound)
        let cut = Array(sheet[..<firstCellEnd].utf8) + Array("<c r=\"D3\" t=".utf8)
        let (partial, whole) = readWorksheet(cut, name: "S", sharedStrings: ["共有"])
        #expect(!whole)
        #expect(String(decoding: partial.text, as: UTF8.self).contains("A&B 個人"))
        // Elements left open at the end are damage too.
        #expect(!Array("<sheetData><row><c><v>1</v>".utf8).withUnsafeBufferPointer { SheetXML.parse($0) { _ in } })
        #expect(
            readSharedStrings(
                Array(
                    "<sst><si><t>a</t><rPh><t>フ</t></rPh></si><si/><si><r><t>b</t></r><r><t>c</t></r></si></sst>".utf8)
            ).strings
                == ["a", "", "bc"])
        #expect(!Array("<a><b attr=\"x>".utf8).withUnsafeBufferPointer { SheetXML.parse($0) { _ in } })
    }

    @Test func numberCellsInExponentForm() {
        #expect(ExtractedText.numberText("1.23456789018E+11") == "123456789018")
        #expect(ExtractedText.numberText("5.835678256246E12") == "5835678256246")
        #expect(ExtractedText.numberText("1.5E+1") == "15")
        #expect(ExtractedText.numberText("1.23456789E+3") == "1.23456789E+3")  // a fraction stays
        #expect(ExtractedText.numberText("42") == "42")
        #expect(ExtractedText.columnName(0) == "A" && ExtractedText.columnName(27) == "AB")
    }

    @Test func docxJoinsRunsAcrossEveryPart() throws {
        let body =
            Fixture.wordParagraph(["個人番号：", "1234", "5678 9018"])
            + "<w:tbl><w:tr><w:tc>" + Fixture.wordParagraph(["法人番号"]) + "</w:tc><w:tc>"
            + Fixture.wordParagraph(["5835", "678256246"]) + "</w:tc></w:tr></w:tbl>"
        let document = Fixture.docx(
            body: body, header: Fixture.wordParagraph(["マイナンバー ", "621498320257"]),
            footer: Fixture.wordParagraph(["my number 111111111118"]),
            comment: Fixture.wordParagraph(["確認: 個人番号 ", "6214", "98320257"]),
            footnote: Fixture.wordParagraph(["Individual Number 1234-5678-9018"]))
        let result = try scanOne("申請書.docx", document)
        #expect(
            Self.places(result) == [
                "-|body 1:6 jp.my_number high",
                "-|body 2:7 jp.corporate_number high",
                "-|comments 1:10 jp.my_number high",
                "-|footer 1 1:11 jp.my_number high",
                "-|footnotes 1:19 jp.my_number high",
                "-|header 1 1:8 jp.my_number high",
            ])
    }

    @Test func pptxSlidesAndNotes() throws {
        let deck = Fixture.pptx(slides: ["会社概要", "法人番号 5835678256246"], notes: [1: "講演メモ: 個人番号 123456789018"])
        let result = try scanOne("deck.pptx", deck)
        #expect(Self.places(result) == ["-|notes 1 1:12 jp.my_number high", "-|slide 2 1:6 jp.corporate_number high"])
    }

    @Test func odfTextAndSpreadsheet() throws {
        let text = Fixture.odf(
            mimetype: "application/vnd.oasis.opendocument.text",
            body: "<office:text><text:p>個人番号<text:s/>123456789018</text:p></office:text>")
        #expect(Self.places(try scanOne("memo.odt", text)) == ["-|body 1:6 jp.my_number high"])
        let sheet = Fixture.odf(
            mimetype: "application/vnd.oasis.opendocument.spreadsheet",
            body: """
                <office:spreadsheet><table:table table:name="名簿"><table:table-row><table:table-cell><text:p>氏名</text:p></table:table-cell><table:table-cell><text:p>個人番号</text:p></table:table-cell></table:table-row>\
                <table:table-row><table:table-cell><text:p>山田</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="621498320257"><text:p>6.21498E+11</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>
                """)
        #expect(Self.places(try scanOne("book.ods", sheet)) == ["-|名簿!B2 2:4 jp.my_number high"])
    }

    @Test func odpSlidesAreText() throws {
        let deck = Fixture.odf(
            mimetype: "application/vnd.oasis.opendocument.presentation",
            body:
                "<office:presentation><draw:page xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" draw:name=\"p1\"><draw:frame><draw:text-box><text:p>法人番号 5835678256246</text:p></draw:text-box></draw:frame></draw:page></office:presentation>"
        )
        #expect(Self.places(try scanOne("deck.odp", deck)) == ["-|body 1:6 jp.corporate_number high"])
    }

    /// Every container format cut short at several points: never a crash or a hang; the
    /// packaged formats record the damage, and what is found is never more than in the
    /// whole file.
    @Test func everyFormatCutShort() throws {
        let note = "個人番号 123456789018\n"
        let tar = Fixture.tar([("a.txt", Array(note.utf8)), ("b.txt", Array(String(repeating: "x", count: 3000).utf8))])
        let formats: [(String, [UInt8], recordsDamage: Bool)] =
            [
                ("a.zip", Fixture.zip([("a.txt", note), ("b.txt", String(repeating: "y", count: 3000))]), true),
                ("a.tar", tar, true),
                ("a.tar.gz", Fixture.gzip(tar), true),
                ("a.xlsx", Fixture.xlsx([("S", [["個人番号"], ["123456789018"]])]), true),
                ("a.docx", Fixture.docx(body: Fixture.wordParagraph([note])), true),
                ("a.pptx", Fixture.pptx(slides: [note]), true),
                (
                    "a.odt",
                    Fixture.odf(mimetype: "application/vnd.oasis.opendocument.text", body: "<text:p>\(note)</text:p>"),
                    true
                ),
                (
                    "a.eml",
                    Array(
                        "From: a@example.com\nMIME-Version: 1.0\nContent-Type: text/plain\n\n\(note)\(String(repeating: "z", count: 500))"
                            .utf8), false
                ),
            ]
            + (ExecutableLookup.path(named: "pdftotext") != nil
                ? [("a.pdf", PDFFixture.make(pages: [note, "page two"]), false)] : [])
        for (name, bytes, recordsDamage) in formats {
            let whole = try scanOne(name, bytes)
            for fraction in [0.25, 0.5, 0.9] {
                let cut = Array(bytes.prefix(Int(Double(bytes.count) * fraction)))
                let result = try scanOne(name, cut)
                #expect(result.findings.count <= whole.findings.count, "\(name) cut at \(fraction)")
                if recordsDamage {
                    #expect(
                        result.manifest.sortedEntries.contains { $0.status != .scanned },
                        "\(name) cut at \(fraction) recorded nothing")
                }
            }
        }
    }

    @Test func malformedDocumentXMLKeepsWhatCameBefore() throws {
        var document = Fixture.docx(body: Fixture.wordParagraph(["個人番号 123456789018"]) + "<w:p><w:r><w:t>unclosed")
        let result = try scanOne("broken.docx", document)
        #expect(result.findings.count == 1)
        #expect(Self.entry(result, member: "word/document.xml")?.reason == .corrupt)
        // A password-protected Office file is an OLE container, not a zip.
        document = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)
        let locked = try scanOne("locked.xlsx", document)
        #expect(Self.entry(locked, member: nil)?.reason == .encrypted)
    }

    // MARK: PDF

    @Test(.enabled(if: ExecutableLookup.path(named: "pdftotext") != nil))
    func pdfPagesIncludingACIDFontWithToUnicode() throws {
        let pdf = PDFFixture.make(pages: ["Employee record", "My Number: 1234 5678 9018", "個人番号：６２１４９８３２０２５７"])
        let result = try scanOne("record.pdf", pdf)
        #expect(
            result.findings.map { "\($0.location ?? "-") \($0.detector) \($0.confidence)" }.sorted()
                == ["page 2 jp.my_number high", "page 3 jp.my_number high"])
        // A broken cross-reference table is rebuilt by the reader.
        let broken = try scanOne("broken.pdf", PDFFixture.make(pages: ["my number 111111111118"], brokenXref: true))
        #expect(broken.findings.map(\.location) == ["page 1"])
        // Garbage after the header is recorded, not a crash.
        let garbage = try scanOne("garbage.pdf", Array("%PDF-1.4\n".utf8) + Array(repeating: 0x7A, count: 300))
        #expect(Self.entry(garbage, member: nil)?.reason == .corrupt)
        // A PDF inside a zip goes through a private temporary copy.
        let zipped = try scanOne("pdfs.zip", Fixture.zip([("scan/record.pdf", pdf)]))
        #expect(zipped.findings.map(\.member) == ["scan/record.pdf", "scan/record.pdf"])
    }

    // MARK: E-mail

    /// What a message declares is not repeated in the manifest unless it is a name.
    @Test func anUnknownCharsetIsNamedOnlyWhenItIsAName() throws {
        func problems(_ charset: String) throws -> [String] {
            let message =
                "From: a@example.com\nMIME-Version: 1.0\nContent-Type: text/plain; charset=\(charset)\n\n個人番号 123456789018\n"
            let result = try scanOne("m.eml", Array(message.utf8))
            #expect(result.findings.contains { $0.detector == "jp.my_number" })
            #expect(result.manifest.summary.failed.isEmpty)
            return result.manifest.sortedEntries.compactMap(\.detail)
        }
        #expect(try problems("x-klingon") == ["body: unknown charset x-klingon, scanned as bytes"])
        #expect(try problems("123456789018") == ["body: unknown charset (not a charset name), scanned as bytes"])
    }

    @Test func whatLooksLikeAMessage() {
        func looks(_ text: String, _ name: String = "x.txt") -> Bool {
            Email.looksLikeMessage(Array(text.utf8), name: name)
        }
        #expect(looks("From: a@example.com\r\nTo: b@example.com\r\nMIME-Version: 1.0\r\n\r\nbody"))
        #expect(looks("Received: from mx.example.com\n\nbody"))
        #expect(looks("anything at all", "saved.EML"))
        #expect(!looks("note: MIME-Version and from: are only words here\n"))
        #expect(!looks("2024-11-29 10:00:00 INFO from: someone\nmime-version: 1.0\n"))
        #expect(!looks("社員名簿: 個人番号\n"))
    }

    @Test func emailPartsCharsetsAndAttachments() throws {
        let subject = "=?ISO-2022-JP?B?" + Data(encode("個人番号の件", as: "ISO-2022-JP")).base64EncodedString() + "?="
        let japaneseBody = Data(encode("山田様\n個人番号：123456789018\nよろしくお願いします。\n", as: "ISO-2022-JP"))
            .base64EncodedString()
        let attachment = Data(Fixture.zip([("名簿.csv", "氏名,個人番号\n佐藤,621498320257\n")])).base64EncodedString()
        let message = """
            From: =?UTF-8?Q?=E7=B7=8F=E5=8B=99?= <soumu@example.co.jp>
            To: staff@example.co.jp
            Subject: \(subject)
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="XYZ"

            --XYZ
            Content-Type: text/plain; charset=ISO-2022-JP
            Content-Transfer-Encoding: base64

            \(japaneseBody)
            --XYZ
            Content-Type: text/html; charset=UTF-8
            Content-Transfer-Encoding: quoted-printable

            <p>my number 1111=
            11111118</p>
            --XYZ
            Content-Type: application/zip; name="list.zip"
            Content-Disposition: attachment; filename="list.zip"
            Content-Transfer-Encoding: base64

            \(attachment)
            --XYZ--

            """
        let result = try scanOne("お知らせ.eml", Array(message.utf8))
        // The sender's and recipient's addresses are found in the headers too.
        #expect(
            Self.places(result) == [
                "-|headers 1:11 email low",
                "-|headers 2:5 email low",
                "-|part 2 2:6 jp.my_number high",
                "-|part 3 1:14 jp.my_number high",
                "list.zip!/名簿.csv|- 2:4 jp.my_number high",
            ])
        #expect(
            Email.decodeWords(subject) { raw, _ in
                var output: [UInt8] = []
                _ = raw.withUnsafeBytes { Transcoder(encoding: .iso2022JP)?.decode($0, isFinal: true, into: &output) }
                return output
            } == "個人番号の件")
    }
}
