import BangoCore
import Testing

@testable import BangoScan

/// Findings reach the output in position order: in order already (the usual case) they
/// pass through as they are; out of order they are sorted by line and column, and
/// findings at the same place keep their order.
@Suite struct OutputOrderTests {
    static func finding(_ line: Int, _ column: Int, _ detector: String) -> Finding {
        Finding(
            path: "f.txt", line: line, column: column, detector: detector, confidence: .low,
            masked: "****", fingerprint: Fingerprint(bytes: .zero))
    }

    static func places(_ findings: [Finding]) -> [String] { findings.map { "\($0.line):\($0.column) \($0.detector)" } }

    @Test func orderedFindingsPassThrough() {
        let findings = [
            Self.finding(1, 5, "a"), Self.finding(1, 5, "b"), Self.finding(2, 1, "c"), Self.finding(9, 3, "d"),
        ]
        #expect(Self.places(PositionOrder.sorted(findings)) == Self.places(findings))
        #expect(PositionOrder.sorted([]).isEmpty)
    }

    @Test func unorderedFindingsAreSortedStably() {
        let findings = [
            Self.finding(3, 1, "a"), Self.finding(1, 7, "b"), Self.finding(1, 2, "c"), Self.finding(1, 7, "d"),
            Self.finding(2, 4, "e"),
        ]
        #expect(Self.places(PositionOrder.sorted(findings)) == ["1:2 c", "1:7 b", "1:7 d", "2:4 e", "3:1 a"])
    }
}
