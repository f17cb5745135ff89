import BangoTestSupport
import Testing

@testable import BangoCore

@Suite struct DetectionTests {
    let worker: DetectionSession
    init() throws { worker = try makeWorker() }

    @Test(arguments: [
        ("個人番号123456789018です", "jp.my_number ********9018 high"),
        ("１２３４５６７８９０１８", "jp.my_number ********9018 low"),
        ("1234 5678 9018", "jp.my_number ********9018 low"),
        ("1234\u{3000}5678\u{3000}9018", "jp.my_number ********9018 low"),
        ("1234－5678－9018", "jp.my_number ********9018 low"),
        ("1234‐5678‐9018", "jp.my_number ********9018 low"),
        ("1234−5678−9018", "jp.my_number ********9018 low"),
        ("1234ー5678ー9018", "jp.my_number ********9018 low"),
        ("1234.5678.9018", "jp.my_number ********9018 low"),
        ("1234-5678-9018", "jp.my_number ********9018 low"),
        ("1234５６７８9018", "jp.my_number ********9018 low"),
        ("T5835678256246", "jp.corporate_number *********6246 medium"),
        ("5-8356-7825-6246", "jp.corporate_number *********6246 medium"),
    ])
    func findsTheShapesPeopleWrite(_ text: String, _ expected: String) {
        #expect(summary(text, worker: worker) == [expected])
    }

    @Test(arguments: [
        "1234567890180",  // 13 digits
        "41111234567890183456",  // inside a longer run
        "4111 1234 5678 9018",  // a grouped card number
        "1234-5678-9018-0000",
        "ab123456789018",  // inside an alphanumeric token
        "123456789018x",
        "3.123456789018",  // a decimal expansion
        "123456789019",  // wrong check digit
        "1234  5678 9018",  // two separators in a row
    ])
    func rejectsLookAlikes(_ text: String) {
        #expect(summary(text, worker: worker).filter { $0.hasPrefix("jp.my_number") }.isEmpty)
    }

    @Test func keywordDistanceIsCountedInCharactersOnEitherSide() {
        let near = String(repeating: "あ", count: 300)
        let far = String(repeating: "あ", count: 301)
        #expect(summary("個人番号" + near + "123456789018", worker: worker) == ["jp.my_number ********9018 high"])
        #expect(summary("個人番号" + far + "123456789018", worker: worker) == ["jp.my_number ********9018 low"])
        #expect(summary("123456789018" + near + "マイナンバー", worker: worker) == ["jp.my_number ********9018 high"])
        #expect(summary("123456789018" + far + "マイナンバー", worker: worker) == ["jp.my_number ********9018 low"])
    }

    @Test func keywordsAreCaseInsensitiveForASCIIAndBelongToTheirDetector() {
        #expect(summary("MY NUMBER: 123456789018", worker: worker) == ["jp.my_number ********9018 high"])
        // A corporate keyword does not raise a My Number.
        #expect(summary("法人番号 123456789018", worker: worker) == ["jp.my_number ********9018 low"])
    }

    @Test func positionsAreLinesAndCharacterColumns() {
        let text = "一行目\n二行目 個人番号：１２３４５６７８９０１８\nx 5835678256246"
        let detections = worker.scan(text: text).detections
        #expect(detections.count == 2)
        #expect(detections[0].lineOffset == 1)
        #expect(detections[0].column == 10)
        #expect(detections[1].lineOffset == 2)
        #expect(detections[1].column == 3)
    }

    @Test func manyFindingsOnOneLineGetTheirOwnColumns() {
        let text = "a 123456789018 b 621498320257 c 111111111118"
        #expect(worker.scan(text: text).detections.map(\.column) == [3, 18, 33])
    }

    @Test func revealIsOptIn() throws {
        let hidden = worker.scan(text: "123456789018").detections
        #expect(hidden.first?.revealedValue == nil)
        let shown = try makeWorker(reveal: true).scan(text: "1234 5678 9018").detections
        #expect(shown.first?.revealedValue == "1234 5678 9018")
    }

    @Test func selectionByIDOrJurisdiction() throws {
        let text = "123456789018 5835678256246"
        #expect(
            summary(text, worker: try makeWorker(selection: .init(only: ["jp.corporate_number"], skip: []))).count == 1)
        #expect(summary(text, worker: try makeWorker(selection: .init(only: ["jp"], skip: []))).count == 2)
        #expect(summary(text, worker: try makeWorker(selection: .init(only: [], skip: ["jp.my_number"]))).count == 1)
    }

    @Test func reportRangeDecidesOwnershipButContextIsShared() {
        // A keyword outside the report range still counts, and a match starting
        // before the range is left to the chunk that owns it.
        let bytes = Array("個人番号 123456789018 / 621498320257".utf8)
        let firstStart = bytes.firstIndex(of: UInt8(ascii: "1"))!
        let outcome = bytes.withUnsafeBytes { worker.scan($0, reportRange: (firstStart + 1)..<$0.count) }
        #expect(outcome.detections.map(\.masked) == ["********0257"])
        #expect(outcome.detections.first?.confidence == .high)
    }

    @Test func syntheticNumbersInNoisyTextAreAllFound() {
        var generator = SyntheticIdentifiers(seed: 42)
        var text = ""
        var expected: [String] = []
        for index in 0..<300 {
            let number = generator.myNumber()
            let decoy = generator.invalidMyNumber()
            text += "行\(index) 注文番号 \(decoy) 金額 12,000円 番号 \(number) 2024-01-15\n"
            expected.append(Masking.mask(number))
        }
        let found = worker.scan(text: text).detections.filter { $0.detectorID == "jp.my_number" }.map(\.masked)
        #expect(found == expected)
    }

    @Test func aLetterBeforeTheDigitsIsWhatAfterLetterAsksFor() {
        func follows(_ text: String, _ digitsStart: String) -> Bool {
            let bytes = Array(text.utf8)
            let offset = Array(text.utf8).count - Array(digitsStart.utf8).count
            return bytes.withUnsafeBytes { DigitClusterPrefilter.followsLetter(offset, in: $0) }
        }
        #expect(follows("DE89", "89"))
        #expect(follows("NL91 ABNA 0417", "0417"))
        #expect(follows("X-1234567", "1234567"))
        #expect(follows("ＴＫ１２３", "１２３"))
        #expect(follows("ｔｋ１２３", "１２３"))
        #expect(!follows("id=644193", "644193"))
        #expect(!follows("注文番号 8180977317", "8180977317"))
        #expect(!follows("1234", "1234"))
        #expect(!follows("a  12", "12"))  // two spaces
        #expect(!follows("，12", "12"))  // full-width punctuation, not a letter
    }
}
