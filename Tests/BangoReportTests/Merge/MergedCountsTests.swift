import Testing

@testable import BangoReport

/// What two shards' suppression counts say of the sweep they split.
@Suite struct MergedCountsTests {
    @Test func takenOutAddsUpAndStaleIsWhatNeitherMatched() {
        var first = SuppressingSink.Counts()
        first.allowed = 2
        first.ignoredAllowMarks = 1
        first.allowedByPath = 3
        first.baselined = 4
        // 10 baseline entries; shard 1 matched 4 of them, shard 2 matched 3 others.
        first.staleBaselineEntries = 6
        var second = SuppressingSink.Counts()
        second.allowed = 5
        second.baselined = 3
        second.staleBaselineEntries = 7
        let merged = first.merged(with: second)
        #expect(merged.allowed == 7)
        #expect(merged.ignoredAllowMarks == 1)
        #expect(merged.allowedByPath == 3)
        #expect(merged.baselined == 7)
        #expect(merged.staleBaselineEntries == 6, "at most what the shard that met fewer left unmatched")
        #expect(second.merged(with: first) == merged)
    }
}
