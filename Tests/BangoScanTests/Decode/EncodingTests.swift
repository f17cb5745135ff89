import BangoCore
import BangoTestSupport
import Foundation
import Testing

@testable import BangoScan

@Suite struct EncodingDetectionTests {
    static let short = "個人番号 1234 5678 9018\n"
    static let long = String(
        repeating: "社員名簿　氏名,個人番号,住所\n山田太郎,123456789018,東京都千代田区一丁目\nカナ テスト,Ｔ５８３５６７８２５６２４６\n", count: 200)

    static let cases: [(TextEncoding, String)] = [
        (.shiftJIS, "CP932"), (.eucJP, "EUC-JP"), (.iso2022JP, "ISO-2022-JP"), (.utf16LE, "UTF-16LE"),
        (.utf16BE, "UTF-16BE"),
    ]

    @Test func utf8WithAndWithoutBOM() {
        #expect(EncodingDetector.detect(Array(Self.long.utf8)) == .text(.utf8, bomLength: 0))
        #expect(EncodingDetector.detect([0xEF, 0xBB, 0xBF] + Array(Self.short.utf8)) == .text(.utf8, bomLength: 3))
        #expect(EncodingDetector.detect(Array("plain ascii 123\n".utf8)) == .text(.utf8, bomLength: 0))
        // A character cut by the end of the probe is still UTF-8.
        #expect(
            EncodingDetector.detect(Array(Self.short.utf8).dropLast(3) + [0xE4, 0xB8]) == .text(.utf8, bomLength: 0))
    }

    @Test(arguments: [false, true])
    func eachJapaneseEncodingOnShortAndLongSamples(long: Bool) {
        let text = long ? Self.long : Self.short
        for (encoding, iconvName) in Self.cases {
            #expect(
                EncodingDetector.detect(encode(text, as: iconvName)) == .text(encoding, bomLength: 0), "\(iconvName)")
        }
    }

    /// A few damaged bytes do not change what a file is; many do.
    @Test func damagedTextKeepsItsEncoding() {
        var sjis = encode(Self.long, as: "CP932")
        var utf8 = Array(Self.long.utf8)
        for offset in stride(from: 100, to: 4000, by: 1000) {
            sjis[offset] = 0xFF
            utf8[offset] = 0xFF
        }
        #expect(EncodingDetector.detect(sjis) == .text(.shiftJIS, bomLength: 0))
        #expect(EncodingDetector.detect(utf8) == .text(.utf8, bomLength: 0))
        #expect(
            EncodingDetector.detect(encode(Self.long, as: "EUC-JP").prefix(3000) + [0xFF])
                == .text(.eucJP, bomLength: 0))
    }

    @Test func utf16ByteOrderMarks() {
        #expect(
            EncodingDetector.detect([0xFF, 0xFE] + encode(Self.short, as: "UTF-16LE")) == .text(.utf16LE, bomLength: 2))
        #expect(
            EncodingDetector.detect([0xFE, 0xFF] + encode(Self.short, as: "UTF-16BE")) == .text(.utf16BE, bomLength: 2))
    }

    @Test func binaryIsStillBinary() {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(EncodingDetector.detect([0x00] + random) == .binary)
        // Little-endian integers: NULs at both parities.
        #expect(EncodingDetector.detect([1, 0, 0, 0, 2, 0, 0, 0, 16, 0, 0, 0, 0x41, 0, 0x42, 0]) == .binary)
        // Mostly control codes, NULs at one parity: not text either.
        #expect(EncodingDetector.detect([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0x41, 0]) == .binary)
    }

    @Test func aliasesParse() {
        #expect(TextEncoding(name: "CP932") == .shiftJIS)
        #expect(TextEncoding(name: "sjis") == .shiftJIS)
        #expect(TextEncoding(name: "EUC-JP") == .eucJP)
        #expect(TextEncoding(name: "utf16le") == .utf16LE)
        #expect(TextEncoding(name: "klingon") == nil)
    }
}

@Suite struct DecodedScanTests {
    /// A document with My Numbers in ASCII, full-width and grouped forms and a corporate
    /// number, every value synthetic and checksum-valid.
    /// Half-width katakana only where the encoding has them (ISO-2022-JP does not).
    static func document(lines: Int, halfWidthKana: Bool = true) -> String {
        var generator = SyntheticIdentifiers(seed: 404)
        var text = "社員名簿\n"
        for line in 0..<lines {
            switch line % 5 {
            case 0: text += "氏名 山田 個人番号 \(generator.myNumber())\n"
            case 1: text += "マイナンバー　" + fullWidth(generator.myNumber()) + "　です\n"
            case 2: text += "取引先 法人番号 T\(generator.corporateNumber()) " + (halfWidthKana ? "ｶﾌﾞｼｷｶﾞｲｼｬ\n" : "カブシキガイシャ\n")
            default: text += "備考：電話 03-1234-5678、注文 2024-11-29、金額 12,300円\n"
            }
        }
        return text
    }

    static func fullWidth(_ digits: String) -> String {
        String(digits.unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0xFF10)!) })
    }

    static func lines(_ result: ScanResult) -> [String] {
        result.findings.map { "\($0.line):\($0.column) \($0.detector) \($0.masked) \($0.confidence)" }.sorted()
    }

    /// Compares two scans by their findings' places; on failure names a few that differ
    /// rather than printing hundreds.
    static func expectSameFindings(_ actual: ScanResult, _ expected: ScanResult, _ context: String) {
        let difference = Set(lines(actual)).symmetricDifference(lines(expected))
        #expect(actual.findings.count == expected.findings.count, "\(context)")
        #expect(difference.isEmpty, "\(context): \(difference.count) differ, e.g. \(difference.sorted().prefix(3))")
    }

    @Test(arguments: EncodingDetectionTests.cases.map(\.1) + ["UTF-16LE with BOM"])
    func decodedFindingsMatchUTF8(_ iconvName: String) throws {
        let directory = TemporaryDirectory()
        let text = Self.document(lines: 60, halfWidthKana: iconvName != "ISO-2022-JP")
        directory.write("utf8.txt", text)
        let bytes =
            iconvName == "UTF-16LE with BOM"
            ? [0xFF, 0xFE] + encode(text, as: "UTF-16LE") : encode(text, as: iconvName)
        let path = directory.write("other.txt", bytes: bytes)
        let expected = try scan([directory.path + "/utf8.txt"])
        let decoded = try scan([path])
        #expect(expected.findings.filter { $0.detector != "jp.phone" }.count == 36)
        Self.expectSameFindings(decoded, expected, iconvName)
        let name = EncodingDetectionTests.cases.first { $0.1 == iconvName }?.0.rawValue ?? "utf-16le"
        #expect(decoded.findings.allSatisfy { $0.encoding == name })
        #expect(expected.findings.allSatisfy { $0.encoding == "utf-8" })
        #expect(decoded.manifest.sortedEntries.first?.encoding == name)
        #expect(decoded.manifest.summary.scannedFiles == 1)
    }

    /// A file decoded in blocks far smaller than itself: matches and keywords that
    /// straddle block boundaries are found once, at the same lines and columns.
    @Test(arguments: ["CP932", "UTF-16LE", "ISO-2022-JP"])
    func blocksSmallerThanTheFileAgree(_ iconvName: String) throws {
        let directory = TemporaryDirectory()
        let text = Self.document(lines: 900, halfWidthKana: iconvName != "ISO-2022-JP")
        directory.write("utf8.txt", text)
        let path = directory.write("big.txt", bytes: encode(text, as: iconvName))
        let expected = try scan([directory.path + "/utf8.txt"])
        // One thread decodes and scans alone; with more, other workers scan the blocks
        // the decoder hands over, and findings must still leave in order, once each.
        for (blockSize, threads) in [(4096, 1), (4096, 3), (4096 + 333, 2), (10_000, 3)] {
            let decoded = try scan([path]) {
                $0.loadPolicy = LoadPolicy(mmapThreshold: .max, chunkSize: blockSize)
                $0.threads = threads
            }
            Self.expectSameFindings(decoded, expected, "\(iconvName), blocks of \(blockSize), \(threads) threads")
            let lines = decoded.findings.map(\.line)
            #expect(lines == lines.sorted(), "findings of one file leave in file order")
            #expect(decoded.batches.count >= 1)
        }
    }

    /// A UTF-8 byte order mark is not a character: columns on line 1 are as without it,
    /// in a small file and in one split into chunks.
    @Test func aUTF8ByteOrderMarkIsNoColumn() throws {
        let directory = TemporaryDirectory()
        let text = "個人番号 123456789018\n" + String(repeating: "filler\n", count: 2000) + "個人番号 621498320257\n"
        let plain = try scan([directory.write("plain.txt", text)])
        let marked = directory.write("bom.txt", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        for chunkSize in [64 << 20, 4096] {
            let result = try scan([marked]) { $0.loadPolicy = LoadPolicy(mmapThreshold: .max, chunkSize: chunkSize) }
            #expect(
                result.findings.map { "\($0.line):\($0.column)" } == plain.findings.map { "\($0.line):\($0.column)" })
            #expect(result.findings.first?.column == 6)
        }
    }

    @Test func invalidBytesAreReplacedAndTheRestIsScanned() throws {
        let directory = TemporaryDirectory()
        var bytes = encode("個人番号 123456789018\n", as: "CP932")
        bytes += [0x82, 0x20, 0xFF, 0x81]  // a lead byte without its trail, and bytes CP932 never uses
        bytes += encode("\n社員 個人番号 ６２１４９８３２０２５７\n", as: "CP932")
        let path = directory.write("broken.csv", bytes: bytes)
        let result = try scan([path]) { $0.forcedEncoding = .shiftJIS }
        #expect(result.findings.map(\.line) == [1, 3])
        let entry = try #require(result.manifest.sortedEntries.first)
        #expect(entry.status == .scanned)
        #expect(entry.detail?.contains("invalid byte sequences replaced") == true)
    }

    @Test func aTruncatedUTF16FileEndsCleanly() throws {
        let directory = TemporaryDirectory()
        let bytes = [0xFF, 0xFE] + encode("個人番号 123456789018\n個人番号 6214", as: "UTF-16LE") + [0x41]
        let path = directory.write("cut.txt", bytes: bytes)
        let result = try scan([path])
        #expect(result.findings.map(\.line) == [1])
        #expect(result.manifest.sortedEntries.first?.detail?.contains("1 invalid") == true)
    }

    @Test func aShiftJISTableHeaderCountsForItsColumn() throws {
        let directory = TemporaryDirectory()
        var generator = SyntheticIdentifiers(seed: 8)
        var text = "社員番号,氏名,個人番号\n"
        for row in 0..<40 {
            text += "\(1000 + row),社員\(row)," + generator.myNumber() + "\n" + String(repeating: "x", count: 200) + "\n"
        }
        let path = directory.write("社員.csv", bytes: encode(text, as: "CP932"))
        let result = try scan([path])
        #expect(result.findings.count == 40)
        #expect(result.findings.allSatisfy { $0.confidence == .high && $0.encoding == "shift_jis" })
    }

    @Test func forcingAnEncodingOverridesDetection() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("euc.txt", bytes: encode("個人番号 123456789018\n", as: "EUC-JP"))
        let detected = try scan([path])
        #expect(detected.findings.first?.encoding == "euc-jp")
        #expect(detected.findings.first?.confidence == .high)
        let forced = try scan([path]) { $0.forcedEncoding = .utf16BE }
        #expect(forced.findings.allSatisfy { $0.encoding == "utf-16be" })
        #expect(forced.findings.isEmpty)
    }
}

/// The fast UTF-16 and Shift_JIS decoders against iconv, on valid text, on random bytes
/// (invalid sequences included), and cut into blocks at every offset near a character.
@Suite struct FastDecoderTests {
    static func decode(_ bytes: [UInt8], _ encoding: TextEncoding, fast: Bool, block: Int? = nil) -> ([UInt8], Int) {
        guard let transcoder = Transcoder(encoding: encoding, fast: fast) else { return ([], -1) }
        var output: [UInt8] = []
        var invalid = 0
        var pending: [UInt8] = []
        var offset = 0
        let size = block ?? max(1, bytes.count)
        repeat {
            let end = min(bytes.count, offset + size)
            let input = pending + bytes[offset..<end]
            let isFinal = end == bytes.count
            let result = input.withUnsafeBytes { transcoder.decode($0, isFinal: isFinal, into: &output) }
            invalid += result.invalid
            pending = Array(input[result.consumed...])
            offset = end
        } while offset < bytes.count
        return (output, invalid)
    }

    @Test(arguments: [TextEncoding.shiftJIS, .utf16LE, .utf16BE])
    func agreesWithIconv(_ encoding: TextEncoding) {
        let names: [TextEncoding: String] = [.shiftJIS: "CP932", .utf16LE: "UTF-16LE", .utf16BE: "UTF-16BE"]
        // NEC and IBM extensions, Windows' ～ and －, half-width katakana; a character
        // beyond the BMP (a surrogate pair) where the encoding has one.
        let text = DecodedScanTests.document(lines: 40) + "①Ⅸ㈱～－￥ ｶﾀｶﾅ" + (encoding == .shiftJIS ? "\n" : " 𠮷\n")
        let valid = encode(text, as: names[encoding] ?? "")
        #expect(!valid.isEmpty)
        var generator = SyntheticIdentifiers(seed: 5)
        var random: [UInt8] = []
        for _ in 0..<8_000 { random.append(UInt8(generator.int(in: 0...255))) }
        for sample in [valid, random, Array(valid.prefix(valid.count - 1))] {
            let reference = Self.decode(sample, encoding, fast: false)
            #expect(Self.decode(sample, encoding, fast: true) == reference, "\(encoding), \(sample.count) bytes")
            for block in [1, 3, 4097] {
                #expect(
                    Self.decode(sample, encoding, fast: true, block: block) == reference,
                    "\(encoding), blocks of \(block)")
            }
        }
    }
}
