import BangoCore
import BangoTestSupport
import Foundation
import Testing

/// The bundled sample share (`Samples/share`): a small tree of realistic fake documents
/// for the README's demo. Its files are generated here, from a fixed seed, so every
/// identifier in them is synthetic and checksum-valid by construction (see
/// ``SyntheticIdentifiers``); the freshness test below fails if the committed files
/// drift from this generator. Regenerate with `BANGO_UPDATE_SAMPLES=1 swift test
/// --filter SampleShareTests`.
enum SampleShare {
    /// Relative path → contents, plus the findings a scan must report.
    struct Contents {
        var files: [String: [UInt8]] = [:]
        /// "relative-path detector confidence" per expected finding.
        var expected: [String] = []
    }

    static func generate() -> Contents {
        var ids = SyntheticIdentifiers(seed: 20_261_129)
        var contents = Contents()
        let surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
        let givenNames = ["太郎", "花子", "一郎", "美咲", "健太", "陽菜", "翔", "結衣", "大輔", "さくら"]
        let departments = ["営業部", "経理部", "人事部", "開発部", "総務部"]

        // An HR export with a My Number column: the header names it, so every row is
        // keyword-backed (DESIGN.md §3, structure is context), not just the first few
        // rows within 300 characters of the header.
        var csv = "社員番号,氏名,部署,入社日,個人番号,電話番号\n"
        for row in 0..<12 {
            let number = ids.myNumber()
            let formatted = row % 3 == 1 ? group(number, "-") : number
            csv += "\(10_001 + row),\(ids.pick(surnames)) \(ids.pick(givenNames)),\(ids.pick(departments)),"
            csv +=
                "20\(ids.int(in: 10...23))/04/01,\(formatted),090-\(ids.int(in: 1000...9999))-\(ids.int(in: 1000...9999))\n"
            contents.expected.append("人事/社員名簿_2024.csv jp.my_number high")
            // The 電話番号 header is the phone column's keyword.
            contents.expected.append("人事/社員名簿_2024.csv jp.phone medium")
        }
        contents.files["人事/社員名簿_2024.csv"] = Array(csv.utf8)

        // A memo collecting numbers, in the full-width and grouped forms people type.
        let memoA = ids.myNumber()
        let memoB = ids.myNumber()
        contents.files["総務/マイナンバー収集のお願い.txt"] = utf8(
            """
            総務部よりお知らせ

            年末調整のため、個人番号（マイナンバー）の提出をお願いします。
            提出例：\(group(memoA, "　").fullWidth)
            なお、扶養家族分は別紙に記入してください（例：\(group(memoB, "－"))）。

            問い合わせ先：内線 1234（総務部 田中）
            受付番号 \(ids.invalidMyNumber()) は控えとして保管してください。

            """)
        contents.expected += ["総務/マイナンバー収集のお願い.txt jp.my_number high", "総務/マイナンバー収集のお願い.txt jp.my_number high"]

        // Vendors with corporate numbers and invoice registration numbers.
        var vendors = "取引先名\t法人番号\t登録番号\t口座\n"
        for (index, name) in ["株式会社サンプル商事", "有限会社テスト工業", "合同会社デモ物流"].enumerated() {
            let corporate = ids.corporateNumber()
            vendors += "\(name)\t\(corporate)\tT\(ids.corporateNumber())\t普通 \(ids.int(in: 1_000_000...9_999_999))\n"
            _ = index
            contents.expected += [
                "経理/取引先一覧.tsv jp.corporate_number high", "経理/取引先一覧.tsv jp.corporate_number high",
                "経理/取引先一覧.tsv jp.bank_account medium",
            ]
        }
        contents.files["経理/取引先一覧.tsv"] = Array(vendors.utf8)

        // A config file with an invoice number, next to look-alikes.
        let invoice = ids.corporateNumber()
        contents.files["config/billing.yaml"] = utf8(
            """
            # Billing service configuration
            issuer:
              name: 株式会社サンプル商事
              invoice_registration_number: T\(invoice)
              phone: 03-1234-5678
            retry:
              timeout_ms: 300000
              build: 2024.11.29.1530
            order_id_format: "\(ids.invalidCorporateNumber())"

            """)
        contents.expected += ["config/billing.yaml jp.corporate_number medium", "config/billing.yaml jp.phone medium"]

        // Source code with a test fixture that leaked a valid number, and decoys.
        let leaked = ids.myNumber()
        contents.files["src/payroll_test.py"] = utf8(
            """
            import unittest

            from payroll import withholding


            class WithholdingTest(unittest.TestCase):
                def test_employee_record(self):
                    record = {"employee_id": 10001, "my_number": "\(leaked)"}
                    self.assertEqual(withholding(record), 12_300)

                def test_rejects_bad_check_digit(self):
                    self.assertRaises(ValueError, withholding, {"my_number": "\(ids.invalidMyNumber())"})

                def test_card_is_not_a_my_number(self):
                    self.assertTrue(mask("4111 \(group(ids.myNumber(), " "))"))

            """)
        contents.expected.append("src/payroll_test.py jp.my_number high")

        // An application log with one leaked number among order numbers and unlabelled
        // phone numbers (low: the default text report counts them without listing them).
        var log = ""
        for line in 0..<40 {
            let time = String(format: "2024-11-29T09:%02d:%02dZ", line / 2, (line * 29) % 60)
            if line == 27 {
                log += "\(time) WARN payload user=\(ids.int(in: 10000...99999)) body={\"id\":\"\(ids.myNumber())\"}\n"
                contents.expected.append("logs/app.log jp.my_number low")
            } else {
                log +=
                    "\(time) INFO order=\(ids.int(in: 1_000_000_000...9_999_999_999)) from=090\(ids.int(in: 10_000_000...99_999_999)) took=\(ids.int(in: 1...999))ms\n"
                contents.expected.append("logs/app.log jp.phone low")
            }
        }
        contents.files["logs/app.log"] = Array(log.utf8)

        // A dependants' declaration exported from a Windows payroll tool: Shift_JIS
        // (CP932), CRLF, full-width digits in some rows.
        var declaration = "申告者,扶養親族氏名,続柄,生年月日,個人番号\r\n"
        for row in 0..<4 {
            let number = ids.myNumber()
            declaration +=
                "\(ids.pick(surnames)) \(ids.pick(givenNames)),\(ids.pick(surnames)) \(ids.pick(givenNames)),"
            declaration +=
                ["配偶者", "子", "子", "父"][row]
                + ",19\(ids.int(in: 50...99))/0\(ids.int(in: 1...9))/1\(ids.int(in: 0...9)),"
            declaration += (row % 2 == 0 ? number : number.fullWidth) + "\r\n"
            contents.expected.append("人事/扶養控除申告書_2024.csv jp.my_number high")
        }
        contents.files["人事/扶養控除申告書_2024.csv"] = BangoTestSupport.encode(declaration, as: "CP932")

        // "Unicode text" as Windows Notepad and Excel save it: UTF-16LE with a BOM.
        let contact = ids.myNumber()
        let company = ids.corporateNumber()
        let notes =
            "社員連絡票\r\n氏名：\(ids.pick(surnames)) \(ids.pick(givenNames))\r\n"
            + "マイナンバー：\(group(contact, " "))\r\n勤務先 法人番号：\(company)\r\n"
        contents.files["総務/社員連絡票.txt"] = [0xFF, 0xFE] + BangoTestSupport.encode(notes, as: "UTF-16LE")
        contents.expected += ["総務/社員連絡票.txt jp.my_number high", "総務/社員連絡票.txt jp.corporate_number high"]

        // A payroll workbook: My Numbers stored as numbers (one in the exponent form
        // Excel writes), found under their column header; the location names the cell.
        var payroll: [[String]] = [["社員番号", "氏名", "個人番号", "基本給"]]
        for row in 0..<6 {
            let number = ids.myNumber()
            let stored = row == 3 ? number.prefix(1) + "." + number.dropFirst() + "E+11" : Substring(number)
            payroll.append([
                "\(20_001 + row)", "\(ids.pick(surnames)) \(ids.pick(givenNames))", String(stored),
                "\(ids.int(in: 200...450))000",
            ])
            contents.expected.append("人事/給与台帳_2024.xlsx jp.my_number high")
        }
        contents.files["人事/給与台帳_2024.xlsx"] = Fixture.xlsx([("給与台帳", payroll), ("メモ", [["inline:要確認"]])])

        // A Word form: the number typed in pieces (Word splits it into runs), in a table,
        // and the employer's corporate number in the header.
        let formNumber = ids.myNumber()
        let employer = ids.corporateNumber()
        let formBody =
            Fixture.wordParagraph(["給与所得者の扶養控除等（異動）申告書"])
            + "<w:tbl><w:tr><w:tc>" + Fixture.wordParagraph(["個人番号"]) + "</w:tc><w:tc>"
            + Fixture.wordParagraph([
                String(formNumber.prefix(4)),
                String(formNumber.dropFirst(4).prefix(4)) + " " + String(formNumber.suffix(4)),
            ])
            + "</w:tc></w:tr></w:tbl>"
        contents.files["総務/扶養控除等申告書.docx"] = Fixture.docx(
            body: formBody, header: Fixture.wordParagraph(["株式会社サンプル商事　法人番号 ", employer]))
        contents.expected += ["総務/扶養控除等申告書.docx jp.my_number high", "総務/扶養控除等申告書.docx jp.corporate_number high"]

        // An invoice PDF: English on page 1, Japanese in a CID font on page 2.
        let invoiceNumber = ids.corporateNumber()
        contents.files["経理/請求書_2024-11.pdf"] = PDFFixture.make(pages: [
            "INVOICE 2024-11\nSample Trading Co., Ltd.\nTotal JPY 132,000",
            "適格請求書発行事業者登録番号\nT\(invoiceNumber)\nお振込みをお願いいたします",
        ])
        contents.expected.append("経理/請求書_2024-11.pdf jp.corporate_number high")

        // A saved e-mail in ISO-2022-JP with a zipped list attached.
        let mailNumber = ids.myNumber()
        let listNumber = ids.myNumber()
        let mailBody = Data(
            BangoTestSupport.encode("各位\n\n田中さんの個人番号は \(mailNumber) です。\n添付の名簿もご確認ください。\n", as: "ISO-2022-JP"))
        let attachment = Data(Fixture.zip([("名簿.csv", "氏名,個人番号\n\(ids.pick(surnames)),\(listNumber)\n")]))
        let mail = """
            From: soumu@example.co.jp
            To: keiri@example.co.jp
            Subject: =?ISO-2022-JP?B?\(Data(BangoTestSupport.encode("マイナンバー提出", as: "ISO-2022-JP")).base64EncodedString())?=
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="bango-sample"

            --bango-sample
            Content-Type: text/plain; charset=ISO-2022-JP
            Content-Transfer-Encoding: base64

            \(mailBody.base64EncodedString(options: .lineLength76Characters))
            --bango-sample
            Content-Type: application/zip; name="meibo.zip"
            Content-Disposition: attachment; filename="meibo.zip"
            Content-Transfer-Encoding: base64

            \(attachment.base64EncodedString(options: .lineLength76Characters))
            --bango-sample--

            """
        contents.files["総務/mail/マイナンバー提出.eml"] = Array(mail.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        contents.expected += [
            "総務/mail/マイナンバー提出.eml jp.my_number high", "総務/mail/マイナンバー提出.eml jp.my_number high",
            "総務/mail/マイナンバー提出.eml email low", "総務/mail/マイナンバー提出.eml email low",
        ]

        // An old archive inside an archive, as backups pile up on a share.
        let retired = ids.myNumber()
        let innerArchive = Fixture.zip([("退職者一覧.csv", "氏名,退職日,個人番号\n\(ids.pick(surnames)),2023/03/31,\(retired)\n")])
        contents.files["archive/2023_人事.zip"] = Fixture.zip([
            ("2023/退職者.zip", innerArchive), ("readme.txt", Array("保存期間: 7年\n".utf8)),
        ])
        contents.expected.append("archive/2023_人事.zip jp.my_number high")
        contents.expected.sort()
        return contents
    }

    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func group(_ number: String, _ separator: String) -> String {
        let digits = Array(number)
        return stride(from: 0, to: digits.count, by: 4).map { String(digits[$0..<min($0 + 4, digits.count)]) }
            .joined(separator: separator)
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/share")
}

extension String {
    /// ASCII digits to full-width digits.
    var fullWidth: String {
        String(
            unicodeScalars.map { scalar in
                guard scalar.value >= 0x30 && scalar.value <= 0x39 else { return Character(scalar) }
                return Character(Unicode.Scalar(scalar.value - 0x30 + 0xFF10)!)
            })
    }
}

@Suite(.serialized) struct SampleShareTests {
    @Test func theCommittedShareMatchesTheGenerator() throws {
        let contents = SampleShare.generate()
        if ProcessInfo.processInfo.environment["BANGO_UPDATE_SAMPLES"] == "1" {
            try? FileManager.default.removeItem(at: SampleShare.folder)
            for (relative, bytes) in contents.files {
                let url = SampleShare.folder.appendingPathComponent(relative)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
        }
        for (relative, bytes) in contents.files {
            #expect(!bytes.isEmpty, "Samples/share/\(relative) could not be generated")
            let onDisk = try Data(contentsOf: SampleShare.folder.appendingPathComponent(relative))
            #expect(onDisk == Data(bytes), "Samples/share/\(relative) is stale; regenerate it")
        }
        let listed =
            FileManager.default.enumerator(atPath: SampleShare.folder.path)?
            .compactMap { $0 as? String }
            .filter {
                !$0.hasPrefix(".")
                    && !(FileManager.default.fileExists(
                        atPath: SampleShare.folder.appendingPathComponent($0).path + "/."))
            }
            .sorted() ?? []
        #expect(listed == contents.files.keys.sorted())
    }

    /// The demo's promise: every planted number is found at the stated confidence, and
    /// no decoy is.
    @Test func scanningTheShareFindsExactlyWhatWasPlanted() throws {
        let result = try CLI().run(
            ["scan", "--format", "jsonl", SampleShare.folder.path],
            environment: ["BANGO_FINGERPRINT_KEY": "sample-share-test-key-000000"])
        #expect(result.status == 1)
        let prefix = SampleShare.folder.path + "/"
        let found = try result.stdout.split(separator: "\n").map { line -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let path = (object["path"] as? String ?? "").replacingOccurrences(of: prefix, with: "")
            return "\(path) \(object["detector"] as? String ?? "") \(object["confidence"] as? String ?? "")"
        }.sorted()
        #expect(found == SampleShare.generate().expected)
    }
}
