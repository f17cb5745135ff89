import Testing

@testable import BangoCore
@testable import BangoScan

/// What the manifest says about a target, from what the stages reported.
@Suite struct OutcomeRecorderTests {
    static let file = TargetOrigin(path: TargetPath("share/list.csv"))
    static let member = TargetOrigin(path: TargetPath("share/a.zip"), members: ["in/b.txt"])

    static func recorder() -> (OutcomeRecorder, Manifest) {
        let manifest = Manifest(keepsScannedEntries: true)
        return (OutcomeRecorder(manifest: manifest), manifest)
    }

    @Test func aScannedTargetAddsToTheTotalsWithItsEncodingAndRepairs() {
        let (recorder, manifest) = Self.recorder()
        var totals = ScanTotals(bytes: 120)
        totals.findings = 2
        totals.encoding = .shiftJIS
        totals.invalidSequences = 3
        recorder.scanned(Self.file, totals, role: .target)
        #expect(manifest.summary.scannedFiles == 1)
        #expect(manifest.summary.scannedBytes == 120)
        #expect(manifest.summary.findings == 2)
        let entry = manifest.sortedEntries.first
        #expect(entry?.status == .scanned)
        #expect(entry?.encoding == "shift_jis")
        #expect(entry?.detail == "3 invalid byte sequences replaced with U+FFFD")
    }

    /// A read that failed midway, or a file that shrank, is a failure, not a clean scan.
    @Test func aFailedOrShortReadIsAFailure() {
        let (recorder, manifest) = Self.recorder()
        var failed = ScanTotals(bytes: 10)
        failed.readError = 5  // EIO
        recorder.scanned(Self.file, failed, role: .target)
        var short = ScanTotals(bytes: 10)
        short.truncated = true
        recorder.scanned(TargetOrigin(path: TargetPath("share/other.csv")), short, role: .target)
        #expect(manifest.summary.scannedFiles == 0)
        #expect(manifest.summary.failed == [.readError: 1, .truncatedDuringScan: 1])
    }

    @Test func aMemberGetsAnEntryOfItsOwnButNoTotals() {
        let (recorder, manifest) = Self.recorder()
        var totals = ScanTotals(bytes: 50)
        totals.findings = 1
        recorder.scanned(Self.member, totals, role: .member)
        #expect(manifest.summary.scannedFiles == 0)
        let entry = manifest.sortedEntries.first
        #expect(entry?.path == "share/a.zip")
        #expect(entry?.member == "in/b.txt")
        #expect(entry?.kind == "member")
    }

    /// A document's extracted text is covered by the document's own entry.
    @Test func documentTextAddsNoEntry() {
        let (recorder, manifest) = Self.recorder()
        recorder.scanned(Self.file, ScanTotals(bytes: 5), role: .documentText)
        #expect(manifest.sortedEntries.isEmpty)
    }

    @Test func aGzipStreamOnlyNotesWhatDecodingRepaired() {
        let (recorder, manifest) = Self.recorder()
        recorder.scanned(Self.file, ScanTotals(bytes: 5), role: .containerStream)
        #expect(manifest.sortedEntries.isEmpty)
        var repaired = ScanTotals(bytes: 5)
        repaired.invalidSequences = 1
        recorder.scanned(Self.file, repaired, role: .containerStream)
        #expect(manifest.summary.skipped == [.corrupt: 1])
    }

    @Test func skipsOfMembersAreMemberEntries() {
        let (recorder, manifest) = Self.recorder()
        recorder.record(.skipped(kind: "file", reason: .encrypted, detail: nil), for: Self.member)
        recorder.record(.skipped(kind: "file", reason: .binary, detail: nil), for: Self.file)
        let kinds = manifest.sortedEntries.map { [$0.path, $0.kind, $0.reason?.rawValue ?? ""] }
        #expect(kinds == [["share/a.zip", "member", "encrypted"], ["share/list.csv", "file", "binary"]])
    }

    @Test func patternLimitEventsAreRecorded() {
        let (recorder, manifest) = Self.recorder()
        var totals = ScanTotals(bytes: 5)
        totals.limitEvents = [MatchLimitEvent(detectorID: "jp.my_number", byteOffset: 4096, message: "match limit")]
        recorder.scanned(Self.file, totals, role: .target)
        #expect(manifest.summary.scannedFiles == 1)  // the rest of the text was scanned
        #expect(manifest.summary.failed == [.patternLimit: 1])
        let limit = manifest.sortedEntries.first { $0.reason == .patternLimit }
        #expect(limit?.detail == "jp.my_number near byte 4096: match limit")
    }
}
