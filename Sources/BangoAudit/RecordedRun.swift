import BangoCore
import BangoScan
import Foundation
import GRDB

/// A run being recorded: begun in the store before the scan, it hands the scan its
/// manifest observer, its finding sink and what earlier runs knew, and is finished
/// (totals, changes, status) after it.
public final class RecordedRun: Sendable {
    public let id: Int
    let store: AuditStore
    let writer: RunWriter
    let prior: StoredPriorScan?
    /// The last complete run on the same roots: what this run's changes are relative to.
    public let comparedRun: Int?
    /// What the user should know before the scan: why nothing carries over, or from where.
    public let notes: [String]

    /// Begins a run: settles runs whose process died, chooses the runs to compare with
    /// and carry over from, and writes the run's row (status running).
    public init(store: AuditStore, plan: RunPlan) throws(StoreError) {
        self.store = store
        try store.settleAbandonedRuns()
        let earlier = try store.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, status, signature FROM run WHERE rootsKey = ? ORDER BY id DESC",
                arguments: [plan.rootsKey])
        }
        let lastComplete = earlier.first { ($0["status"] as String) == RunRecord.Status.complete.rawValue }
        let comparedRun: Int? = lastComplete?["id"]
        self.comparedRun = comparedRun
        var notes: [String] = []
        // The last complete run, then the runs cut short after it (newest last): a
        // killed run resumes where it stopped.
        var sources: [Int] = []
        for row in earlier {
            let id: Int = row["id"]
            let status: String = row["status"]
            if let comparedRun, id < comparedRun { break }
            guard row["signature"] as String == plan.signature else {
                if id == comparedRun {
                    notes.append(
                        "the detector catalogue, fingerprint key or scan options changed since run \(id): every file is read again"
                    )
                }
                continue
            }
            if id == comparedRun || status == "incomplete" || status == "interrupted" { sources.insert(id, at: 0) }
        }
        if !plan.carriesOver, !sources.isEmpty {
            notes.append("--reveal: every file is read again (the store keeps masked values only)")
            sources = []
        }
        prior =
            sources.isEmpty ? nil : try StoredPriorScan(store: store, runs: sources, requiresHash: plan.verifiesContent)
        self.notes = notes
        let started = Self.timestamp()
        let id = try store.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (started, status, roots, rootsKey, signature, options, version, host, pid, comparedRun)
                    VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    started, plan.roots.joined(separator: "\n"), plan.rootsKey, plan.signature, plan.options,
                    plan.version, AuditStore.hostName, Int(getpid()), comparedRun,
                ])
            return Int(db.lastInsertedRowID)
        }
        self.id = id
        writer = RunWriter(store: store, runID: id)
    }

    /// What earlier runs knew, for the scan to skip unchanged files with.
    public var priorScan: (any PriorScan)? { prior }

    /// Told of every manifest entry.
    public var observer: any ManifestObserver { writer }

    /// The sink that records findings and passes them on to `next`.
    public func sink(next: FindingSink) -> FindingSink { RecordingSink(writer: writer, next: next) }

    /// Ends the run: commits what is pending, then (for a run that saw everything)
    /// compares it with ``comparedRun`` and marks it complete, all in one transaction.
    public func finish(summary: ManifestSummary, interrupted: Bool) throws(StoreError) -> RunRecord {
        try writer.flush()
        if let failure = prior?.replayFailure.withLock({ $0 }) { throw failure }
        let status: RunRecord.Status = interrupted ? .interrupted : .complete
        try store.write { db in
            var counts: RunComparison.Counts?
            if !interrupted, let comparedRun {
                counts = try RunComparison(current: id, previous: comparedRun).record(db)
            } else if !interrupted {
                try db.execute(
                    sql: "UPDATE finding SET change = 'new' WHERE run = ? AND allowMark != 1", arguments: [id])
                let total = try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM finding WHERE run = ? AND allowMark != 1", arguments: [id])
                counts = RunComparison.Counts(new: total ?? 0)
            }
            try db.execute(
                sql: """
                    UPDATE run SET ended = ?, status = ?, scannedFiles = ?, scannedBytes = ?, unchangedFiles = ?,
                        findings = (SELECT count(*) FROM finding WHERE run = :id), skipped = ?, failed = ?,
                        newFindings = ?, persistingFindings = ?, resolvedFindings = ?
                    WHERE id = :id
                    """,
                arguments: [
                    Self.timestamp(), status.rawValue, summary.scannedFiles, summary.scannedBytes,
                    summary.unchangedFiles, summary.skippedCount, summary.failedCount, counts?.new, counts?.persisting,
                    counts?.resolved,
                ] + ["id": id])
        }
        return try store.run(id)
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
