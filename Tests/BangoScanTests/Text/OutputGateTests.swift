import BangoCore
import Testing

@testable import BangoScan

/// The gate that keeps every target's findings in one piece while a text scanned in
/// parts streams out: tested on its own, with the parts arriving in a chosen order.
@Suite struct OutputGateTests {
    /// Records each batch the gate writes, as the paths and lines it holds.
    final class RecordingSink: FindingSink, Sendable {
        let batches = Locked<[[String]]>([])
        func write(_ findings: [Finding]) {
            batches.withLock { $0.append(findings.map { "\($0.path):\($0.line)" }) }
        }
    }

    static func findings(_ path: String, lines: ClosedRange<Int>) -> [Finding] {
        lines.map {
            Finding(
                path: path, line: $0, column: 1, detector: "jp.my_number", confidence: .high, masked: "********0000",
                fingerprint: Fingerprint(bytes: SIMD32<UInt8>(repeating: 1)))
        }
    }

    static func text(_ path: String) -> OrderedResults {
        OrderedResults(
            labels: FindingLabels(origin: TargetOrigin(path: TargetPath(path)), encoding: .utf8),
            totals: ScanTotals(bytes: 0), expectedPieces: nil)
    }

    @Test func wholeTargetsWaitWhileATextOwnsTheOutput() {
        let sink = RecordingSink()
        let gate = OutputGate(sink: sink, sortByPath: false)
        let big = Self.text("big.log")
        gate.writePart(of: big, findings: Self.findings("big.log", lines: 1...2), isLast: false)
        gate.write(path: "small.txt", findings: Self.findings("small.txt", lines: 5...5))
        gate.writePart(of: big, findings: Self.findings("big.log", lines: 9...9), isLast: true)
        gate.write(path: "after.txt", findings: Self.findings("after.txt", lines: 1...1))
        #expect(
            sink.batches.withLock { $0 } == [
                ["big.log:1", "big.log:2"], ["big.log:9"], ["small.txt:5"], ["after.txt:1"],
            ])
    }

    @Test func aSecondTextQueuesItsPartsAndTakesOverInOrder() {
        let sink = RecordingSink()
        let gate = OutputGate(sink: sink, sortByPath: false)
        let first = Self.text("a.log")
        let second = Self.text("b.log")
        gate.writePart(of: first, findings: Self.findings("a.log", lines: 1...1), isLast: false)
        gate.writePart(of: second, findings: Self.findings("b.log", lines: 1...1), isLast: false)
        gate.writePart(of: second, findings: Self.findings("b.log", lines: 2...2), isLast: false)
        gate.writePart(of: first, findings: Self.findings("a.log", lines: 2...2), isLast: true)
        // b.log now owns the output: its next part is written at once.
        gate.writePart(of: second, findings: Self.findings("b.log", lines: 3...3), isLast: true)
        #expect(
            sink.batches.withLock { $0 } == [
                ["a.log:1"], ["a.log:2"], ["b.log:1"], ["b.log:2"], ["b.log:3"],
            ])
    }

    @Test func sortedOutputWaitsForTheEndAndOrdersByPath() {
        let sink = RecordingSink()
        let gate = OutputGate(sink: sink, sortByPath: true)
        let text = Self.text("m.log")
        gate.write(path: "z.txt", findings: Self.findings("z.txt", lines: 1...1))
        gate.writePart(of: text, findings: Self.findings("m.log", lines: 1...1), isLast: false)
        gate.writePart(of: text, findings: Self.findings("m.log", lines: 4...4), isLast: true)
        gate.write(path: "a.txt", findings: Self.findings("a.txt", lines: 2...2))
        #expect(sink.batches.withLock { $0 }.isEmpty)
        gate.finish()
        #expect(sink.batches.withLock { $0 } == [["a.txt:2"], ["m.log:1", "m.log:4"], ["z.txt:1"]])
    }
}
