import BangoCore
import Foundation
import Testing

@testable import BangoReport

/// The formatters' byte buffer writes what the slower, obvious code would.
@Suite struct ByteBufferTests {
    /// JSON quoting done the obvious way, scalar by scalar, to hold the buffer's
    /// eight-bytes-at-a-time escaping (which `JSON.quote` also uses) to.
    static func reference(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20: output += String(format: "\\u%04x", scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    func written(_ body: (inout ByteBuffer) -> Void) -> String {
        var buffer = ByteBuffer(capacity: 1)
        body(&buffer)
        return String(decoding: buffer.bytes(), as: UTF8.self)
    }

    @Test func jsonStringsAreQuotedLikeTheReference() {
        // Seeded random strings over the characters that need care: quotes, backslashes,
        // every control character, DEL, multi-byte text and a four-byte scalar.
        let alphabet: [Character] =
            ["\"", "\\", "/", "a", "Z", "0", " ", "\u{7F}", "個", "人", "番", "号", "é", "😀"]
            + (0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<500 {
            let text = String((0..<(next() % 40)).map { _ in alphabet[next() % alphabet.count] })
            #expect(written { $0.appendJSONString(text) } == Self.reference(text))
            #expect(JSON.quote(text) == Self.reference(text))
        }
        #expect(written { $0.appendJSONString("") } == "\"\"")
    }

    /// Each byte that needs escaping, at every offset of a string long enough for the
    /// eight-bytes-at-a-time scan, next to multi-byte text (whose bytes are all 0x80 and up).
    @Test func everyEscapeAtEveryOffset() {
        for special in ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{8}"] {
            for offset in 0..<26 {
                var characters = Array("abcdefgh個人番号ijklmnop")
                characters.insert(Character(special), at: min(offset, characters.count))
                let text = String(characters)
                #expect(written { $0.appendJSONString(text) } == Self.reference(text), "escape at \(offset)")
            }
        }
        // Bytes just above the escaped range, and DEL, are copied as they are.
        let plain = " !#$%&'()*+,-./0123456789[]^_`{|}~\u{7F}"
        #expect(written { $0.appendJSONString(plain) } == "\"" + plain + "\"")
    }

    @Test func decimalsAtTheEdges() {
        for value in [0, 1, 9, 10, 99, 100, 12_345, -1, -10, Int.max, Int.min] {
            #expect(written { $0.append(decimal: value) } == String(value))
        }
    }

    @Test func growsPastItsCapacityKeepingWhatWasWritten() {
        let text = written { buffer in
            for index in 0..<1000 {
                buffer.append(decimal: index)
                buffer.append(",")
            }
        }
        #expect(text == (0..<1000).map { "\($0)," }.joined())
    }

    @Test func fingerprintsAreWrittenAsHex() {
        let fingerprint = Fingerprint(hex: String(repeating: "0f", count: 32))!
        #expect(written { $0.append(fingerprint) } == fingerprint.description)
        #expect(fingerprint.description == String(repeating: "0f", count: 32))
    }
}

/// The sink formats every batch into one buffer it keeps; what reaches the stream must be
/// what the formatter makes of each batch, also after a batch that outgrew the buffer's
/// 16 MiB cap and made it start small again.
@Suite struct ReportingSinkOutputTests {
    static func findings(_ count: Int, from first: Int) -> [Finding] {
        (first..<(first + count)).map { index in
            Finding(
                path: "share/\(index % 7)/社員.csv", line: index + 1, column: 3, detector: "jp.my_number",
                confidence: .high, masked: "********\(String(index % 10_000).leftPadded(4))",
                fingerprint: Fingerprint(bytes: SIMD32<UInt8>(repeating: UInt8(index % 251))), encoding: "utf-8")
        }
    }

    @Test(arguments: [true, false])
    func batchesReachTheStreamAsFormatted(json: Bool) throws {
        let formatter: FindingFormatter = json ? JSONLinesFormatter() : TextFormatter()
        let path = NSTemporaryDirectory() + "bango-sink-\(UUID().uuidString)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(fd >= 0)
        defer { unlink(path) }
        // About 90,000 JSON lines or 300,000 text lines pass 16 MiB.
        let batches = [
            Self.findings(10, from: 0), Self.findings(json ? 90_000 : 300_000, from: 10),
            Self.findings(5, from: 400_000),
        ]
        let sink = ReportingSink(
            formatter: formatter, stream: OutputStream(fd: fd), minimumShown: .low, failThreshold: nil)
        for batch in batches { sink.write(batch) }
        close(fd)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = batches.flatMap { formatter.format($0) }
        #expect(written.count > 16 << 20)
        #expect(Array(written) == expected, "the sink's output differs from the formatter's")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
