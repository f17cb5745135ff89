import BangoAudit
import BangoCore
import Foundation
import Testing

/// How the store pairs a run's findings with the previous run's: by fingerprint and
/// place, then by fingerprint alone (a moved file), one to one. Driven through the
/// store's own API with made-up fingerprints; no value here is anyone's.
@Suite struct RunComparisonTests {
    final class Discard: FindingSink, Sendable {
        func write(_ findings: [Finding]) {}
    }

    static func finding(_ path: String, _ fingerprintByte: UInt8, line: Int = 1, allowed: Bool = false) -> Finding {
        Finding(
            path: path, line: line, column: 1, detector: "jp.my_number", confidence: .high, masked: "********0000",
            fingerprint: Fingerprint(bytes: SIMD32(repeating: fingerprintByte)),
            allowMark: allowed ? .honoured : .none)
    }

    /// Records one complete run holding `findings` (one target row per path).
    static func record(_ findings: [Finding], in store: AuditStore) throws -> RunRecord {
        let run = try RecordedRun(
            store: store, plan: RunPlan(roots: ["/share"], signature: "s", options: "{}", version: "test"))
        let sink = run.sink(next: Discard())
        for (path, group) in Dictionary(grouping: findings, by: \.path) {
            run.observer.recorded(ManifestEntry(path: path, kind: "file", status: .scanned, findings: group.count))
            sink.write(group)
        }
        return try run.finish(summary: Manifest().summary, interrupted: false)
    }

    static func temporaryStore() throws -> AuditStore {
        try AuditStore(path: NSTemporaryDirectory() + "bango-audit-" + UUID().uuidString + ".db")
    }

    @Test func placesAndFingerprintsPairOneToOne() throws {
        let store = try Self.temporaryStore()
        let first = try Self.record(
            [
                Self.finding("a.txt", 1), Self.finding("a.txt", 1, line: 2), Self.finding("b.txt", 2),
                Self.finding("c.txt", 3),
            ], in: store)
        #expect(first.newFindings == 4)
        #expect(first.comparedRun == nil)
        // a.txt lost one of its two equal values; b.txt moved to d.txt; c.txt's is gone;
        // e.txt is new; an allowed finding takes no part.
        let second = try Self.record(
            [
                Self.finding("a.txt", 1, line: 5), Self.finding("d.txt", 2), Self.finding("e.txt", 4),
                Self.finding("f.txt", 5, allowed: true),
            ], in: store)
        #expect(second.comparedRun == first.id)
        #expect(second.newFindings == 1)
        #expect(second.persistingFindings == 2)
        #expect(second.resolvedFindings == 2)
        let report = try store.report()
        #expect(report.run.id == second.id)
        #expect(report.items.filter { $0.change == .new }.map(\.path) == ["e.txt"])
        #expect(report.items.filter { $0.change == .resolved }.map(\.path).sorted() == ["a.txt", "c.txt"])
        #expect(report.findings == 3, "the allowed finding is not counted")
        // The same comparison asked for explicitly gives the same answer.
        let explicit = try store.report(run: second.id, since: first.id)
        #expect((explicit.new, explicit.persisting, explicit.resolved) == (1, 2, 2))
    }

    @Test func anInterruptedRunIsNotComparedAndTheNextComparesWithTheLastCompleteOne() throws {
        let store = try Self.temporaryStore()
        let first = try Self.record([Self.finding("a.txt", 1)], in: store)
        let cut = try RecordedRun(
            store: store, plan: RunPlan(roots: ["/share"], signature: "s", options: "{}", version: "test"))
        let record = try cut.finish(
            summary: Manifest().summary, interrupted: true)
        #expect(record.status == .interrupted)
        #expect(record.newFindings == nil)
        let third = try Self.record([Self.finding("a.txt", 1)], in: store)
        #expect(third.comparedRun == first.id)
        #expect(third.persistingFindings == 1)
        #expect(try store.report().run.id == third.id)
    }

    @Test func aFileStampMatchesOnlyTheSameVersion() {
        let stamp = FileStamp(size: 10, modified: 1_000, device: 1, inode: 7, owner: 0)
        #expect(stamp.matches(stamp))
        #expect(!stamp.matches(FileStamp(size: 11, modified: 1_000, device: 1, inode: 7, owner: 0)))
        #expect(!stamp.matches(FileStamp(size: 10, modified: 1_001, device: 1, inode: 7, owner: 0)))
        #expect(!stamp.matches(FileStamp(size: 10, modified: 1_000, device: 1, inode: 8, owner: 0)))
        var hashed = stamp
        hashed.contentHash = "aa"
        var other = stamp
        other.contentHash = "bb"
        #expect(!hashed.matches(other))
        #expect(hashed.matches(stamp), "without a hash on one side, the stamp decides")
        #expect(!hashed.matches(stamp, requiringHash: true), "--verify needs a hash on both sides")
        #expect(hashed.matches(hashed, requiringHash: true))
    }

    @Test func aFileThatIsNotAStoreIsAClearError() throws {
        let path = NSTemporaryDirectory() + "bango-not-a-store-" + UUID().uuidString
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try AuditStore(path: path)
        } throws: { error in
            "\(error)".contains("not an audit store")
        }
    }
}
