import Testing

@testable import BangoCore

/// Detector sets are bit masks: an engine holds up to `DetectorMask.capacity`
/// detectors, every one of them reachable, and refuses more with a clear error.
@Suite struct DetectorCapacityTests {
    /// A pack of `count` detectors, each triggered by its own literal `TKNnnnX`.
    static func pack(count: Int) throws -> PatternPack {
        var yaml = "pack: many\ndetectors:\n"
        for index in 0..<count {
            let literal = "TKN" + String(index + 1000).dropFirst() + "X"
            yaml += """
                  - id: many.d\(index)
                    name: Detector \(index)
                    jurisdiction: many
                    trigger: { literals: [\(literal)] }
                    regex: '\(literal)[0-9]{4}'
                    normalize: none
                    confidence: { without_keyword: high, with_keyword: high }
                    examples:
                      - { text: '\(literal)1234', expect: high }
                      - { text: '\(literal)12', expect: none }

                """
        }
        return try PatternPack(yaml: yaml, source: "many.yaml")
    }

    @Test func everyDetectorUpToTheCapacityIsReachable() throws {
        let engine = try DetectionEngine(packs: [Self.pack(count: DetectorMask.capacity)])
        let session = DetectionSession(
            engine: engine, options: DetectionOptions(reveal: false, fingerprinter: testFingerprinter))
        // The first, one past 64 (where a 64-bit mask would end) and the last.
        let text = "a TKN000X1234 b TKN064X1234 c TKN127X1234 d"
        let found = session.scan(text: text).detections.map(\.detectorID)
        #expect(found == ["many.d0", "many.d64", "many.d127"])
    }

    @Test func oneMoreThanTheCapacityIsRefused() throws {
        let pack = try Self.pack(count: DetectorMask.capacity + 1)
        #expect(throws: EngineError.tooManyDetectors(DetectorMask.capacity + 1)) {
            try DetectionEngine(packs: [pack])
        }
    }
}
