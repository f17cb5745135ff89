import BangoCore
import Testing

@testable import BangoScan

/// Pieces finished out of order leave in text order, and the text completes once.
@Suite struct OrderedResultsTests {
    static let labels = FindingLabels(origin: TargetOrigin(path: TargetPath("big.log")), encoding: .utf8)

    /// A piece of one line holding one finding at column `column`.
    static func piece(column: Int) -> OrderedResults.Piece {
        var outcome = LineResolverTests.piece(
            [LineResolverTests.detection(line: 0, column: column, fromRangeStart: false)], newlines: 1, after: 0)
        outcome.limitEvents = []
        return OrderedResults.Piece(outcome: outcome)
    }

    @Test func piecesStoredOutOfOrderAreEmittedInOrder() {
        let results = OrderedResults(labels: Self.labels, totals: ScanTotals(bytes: 300), expectedPieces: 3)
        var emitted: [[Int]] = []
        var lasts: [Bool] = []
        let emit: ([Finding], Bool) -> Void = { findings, isLast in
            emitted.append(findings.map(\.column))
            lasts.append(isLast)
        }
        #expect(results.store(Self.piece(column: 3), at: 2, emit: emit) == nil)
        #expect(emitted.isEmpty)  // piece 0 is not in yet: nothing may leave
        #expect(results.store(Self.piece(column: 1), at: 0, emit: emit) == nil)
        #expect(emitted == [[1]])
        let totals = results.store(Self.piece(column: 2), at: 1, emit: emit)
        #expect(emitted == [[1], [2, 3]])
        #expect(lasts == [false, true])
        #expect(totals?.findings == 3)
        #expect(totals?.bytes == 300)
    }

    /// Lines count on across pieces: the finding of piece 2 is on line 3.
    @Test func findingsGetLinesOfTheWholeText() {
        let results = OrderedResults(labels: Self.labels, totals: ScanTotals(bytes: 3), expectedPieces: 3)
        var lines: [Int] = []
        for index in [1, 2, 0] {
            _ = results.store(Self.piece(column: 1), at: index) { findings, _ in lines += findings.map(\.line) }
        }
        #expect(lines == [1, 2, 3])
    }

    /// Blocks: the count is known only at the end, and a failed read is folded into the totals.
    @Test func aTextOfUnknownLengthCompletesWhenItsProducerFinishes() {
        let results = OrderedResults(labels: Self.labels, totals: ScanTotals(bytes: 10), expectedPieces: nil)
        var lasts: [Bool] = []
        #expect(results.store(Self.piece(column: 1), at: 0) { _, isLast in lasts.append(isLast) } == nil)
        #expect(results.store(Self.piece(column: 1), at: 1) { _, isLast in lasts.append(isLast) } == nil)
        let totals = results.finish(
            pieceCount: 2, update: { $0.readError = 5 }, emit: { _, isLast in lasts.append(isLast) })
        #expect(lasts == [false, false, true])
        #expect(totals?.readError == 5)
        #expect(totals?.findings == 2)
    }

    @Test func slotsForQueuedPiecesAreBounded() {
        let results = OrderedResults(labels: Self.labels, totals: ScanTotals(bytes: 1), expectedPieces: 4)
        #expect(results.reserveSlot(limit: 2))
        #expect(results.reserveSlot(limit: 2))
        #expect(!results.reserveSlot(limit: 2))
        _ = results.store(Self.piece(column: 1), at: 0, wasQueued: true) { _, _ in }
        #expect(results.reserveSlot(limit: 2))
    }

    /// An empty text (no pieces with findings) still completes exactly once.
    @Test func aTextWithNoFindingsCompletesOnce() {
        let results = OrderedResults(labels: Self.labels, totals: ScanTotals(bytes: 0), expectedPieces: 1)
        var calls = 0
        let totals = results.store(OrderedResults.Piece(outcome: ScanOutcome()), at: 0) { findings, isLast in
            #expect(findings.isEmpty && isLast)
            calls += 1
        }
        #expect(calls == 1)
        #expect(totals?.findings == 0)
        #expect(results.finish(pieceCount: 1, update: { _ in }, emit: { _, _ in calls += 1 }) == nil)
        #expect(calls == 1)
    }
}
