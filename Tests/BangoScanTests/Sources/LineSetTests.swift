import BangoScan
import Testing

/// The lines a git change added, as merged ranges: what a diff scan reports on.
@Suite struct LineSetTests {
    @Test func rangesInOrderMergeWhenTheyTouchOrOverlap() {
        var lines = LineSet()
        lines.insert(3...4)
        lines.insert(5...5)  // touches
        lines.insert(5...8)  // overlaps
        lines.insert(10...10)  // a gap of one line stays a gap
        #expect(lines.ranges == [3...8, 10...10])
    }

    @Test func rangesOutOfOrderAreSortedAndMerged() {
        let lines = LineSet([20...22, 1...2, 3...3, 15...19])
        #expect(lines.ranges == [1...3, 15...22])
    }

    @Test func containsIsExactAtTheEdges() {
        let lines = LineSet([2...4, 9...9])
        #expect([1, 5, 8, 10].allSatisfy { !lines.contains($0) })
        #expect([2, 3, 4, 9].allSatisfy { lines.contains($0) })
        #expect(!LineSet().contains(1) && LineSet().isEmpty)
    }
}
