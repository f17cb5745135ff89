import BangoTestSupport
import Testing

@testable import BangoCore

/// The whole engine gives the same detections whichever keyword and literal pass it
/// uses: Hyperscan's, or the portable one it falls back to where Hyperscan does not run.
/// Run over every built-in example and over seeded text that mixes them with keywords,
/// synthetic My Numbers and filler, so keywords, triggers and gates all take part.
@Suite struct LiteralPassEquivalenceTests {
    static let fastest = try! DetectionEngine(packs: PatternPack.builtin())
    static let portable = try! DetectionEngine(packs: PatternPack.builtin(), acceleratedLiterals: false)

    /// Detections as masked one-line summaries, so a failure prints no raw value.
    static func detections(_ text: String, engine: DetectionEngine, asTable: Bool = false) -> [String] {
        let worker = DetectionSession(
            engine: engine, options: DetectionOptions(reveal: false, fingerprinter: testFingerprinter))
        return worker.scan(text: text, asTable: asTable).detections.map {
            "\($0.detectorID) \($0.byteRange) \($0.masked) \($0.confidence) \($0.fingerprint)"
        }
    }

    static var examples: [(text: String, isTable: Bool)] {
        fastest.detectors.flatMap { $0.definition.examples.map { ($0.text, $0.isTable) } }
    }

    @Test func everyExampleAlike() {
        #expect(Self.examples.count > 100)
        for (text, isTable) in Self.examples {
            let fast = Self.detections(text, engine: Self.fastest, asTable: isTable)
            let slow = Self.detections(text, engine: Self.portable, asTable: isTable)
            #expect(fast == slow, "an example of \(fast.first ?? slow.first ?? "no detector")")
        }
    }

    @Test(arguments: 0..<6)
    func mixedTextAlike(seed: Int) {
        var random = SyntheticIdentifiers(seed: UInt64(100 + seed))
        let examples = Self.examples.filter { !$0.isTable }.map(\.text)
        let filler = [
            "注文番号 8180977317 発送日 2024年7月10日", "id=644193 took 4ms", "469144,レアシ,090-4676-4945,617-1597",
            "お世話になっております。", "The status of the order is ok.", "個人番号", "カード番号", "password",
        ]
        var lines: [String] = []
        for _ in 0..<400 {
            switch random.int(in: 0...3) {
            case 0: lines.append(random.pick(examples))
            case 1: lines.append("マイナンバー \(random.myNumber())")
            default: lines.append(random.pick(filler))
            }
        }
        let text = lines.joined(separator: random.int(in: 0...1) == 0 ? "\n" : " ")
        let fast = Self.detections(text, engine: Self.fastest)
        let slow = Self.detections(text, engine: Self.portable)
        #expect(fast.count > 100)
        #expect(fast == slow, "seed \(seed): \(fast.count) detections with Hyperscan, \(slow.count) without")
    }
}
