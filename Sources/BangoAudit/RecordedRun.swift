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
        let (earlier, live) = try store.read { db in
            (
                try Row.fetchAll(
                    db, sql: "SELECT id, status, signature FROM run WHERE rootsKey = ? ORDER BY id DESC",
                    arguments: [plan.rootsKey]),
                try Row.fetchOne(db, sql: "SELECT id, host, pid FROM run WHERE status = 'running' LIMIT 1")
            )
        }
        // Two runs writing one store would interleave their versions; one waits for
        // the other's end instead (a run whose process died was settled above).
        if let live {
            throw StoreError(
                path: store.path,
                message:
                    "run \(live["id"] as Int) is still running (pid \(live["pid"] as Int) on \(live["host"] as String)); one run at a time per store"
            )
        }
        let lastComplete = earlier.first { ($0["status"] as String) == RunRecord.Status.complete.rawValue }
        let comparedRun: Int? = lastComplete?["id"]
        self.comparedRun = comparedRun
        var notes: [String] = []
        // The last complete run, then the runs cut short after it (newest last): a
        // killed run resumes where it stopped.
        var sources: [(id: Int, complete: Bool)] = []
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
            if id == comparedRun || status == "incomplete" || status == "interrupted" {
                sources.insert((id, id == comparedRun), at: 0)
            }
        }
        if !plan.carriesOver, !sources.isEmpty {
            notes.append("--reveal: every file is read again (the store keeps masked values only)")
            sources = []
        }
        let prior =
            sources.isEmpty ? nil : try StoredPriorScan(store: store, runs: sources, requiresHash: plan.verifiesContent)
        self.prior = prior
        self.notes = notes
        let started = Self.timestamp()
        let (id, firstVersion) = try store.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (started, status, roots, rootsKey, signature, options, version, host, pid, comparedRun)
                    VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    started, plan.roots.joined(separator: "\n"), plan.rootsKey, plan.signature, plan.options,
                    plan.version, AuditStore.hostName, Int(getpid()), comparedRun,
                ])
            let next = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM version") ?? 0) + 1
            return (Int(db.lastInsertedRowID), next)
        }
        self.id = id
        writer = RunWriter(store: store, runID: id, prior: prior, firstVersion: firstVersion)
    }

    /// The bytes the last complete run on these roots scanned: this run's likely total.
    public var expectedBytes: Int? {
        guard let comparedRun else { return nil }
        return try? store.run(comparedRun).scannedBytes
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
        let carried = prior?.carried ?? []
        try store.write { db in
            try Self.recordCarried(carried, run: id, db)
            // The versions this run points at, read now or by a run cut short before.
            try db.execute(
                sql: """
                    UPDATE version SET reported =
                        (SELECT count(*) FROM finding f WHERE f.version = version.id AND f.allowMark != 1)
                    WHERE reported IS NULL AND id IN (SELECT version FROM run_version WHERE run = ?)
                    """, arguments: [id])
            var counts: RunComparison.Counts?
            if !interrupted, let comparedRun {
                counts = try RunComparison(current: id, previous: comparedRun).record(db)
            } else if !interrupted {
                counts = RunComparison.Counts(new: try Self.reportedFindings(db, run: id))
            }
            try db.execute(
                sql: """
                    UPDATE run SET ended = ?, status = ?, scannedFiles = ?, scannedBytes = ?, unchangedFiles = ?,
                        findings = ?, skipped = ?, failed = ?, newFindings = ?, persistingFindings = ?,
                        resolvedFindings = ?
                    WHERE id = ?
                    """,
                arguments: [
                    Self.timestamp(), status.rawValue, summary.scannedFiles, summary.scannedBytes,
                    summary.unchangedFiles, try Self.reportedFindings(db, run: id), summary.skippedCount,
                    summary.failedCount, counts?.new, counts?.persisting, counts?.resolved, id,
                ])
        }
        return try store.run(id)
    }

    /// The files carried over, each as the version an earlier run read: one statement
    /// for them all, their versions in one JSON array (SQLite parses it faster than it
    /// runs one INSERT a file).
    static func recordCarried(_ carried: [(version: Int64, run: Int)], run: Int, _ db: Database) throws {
        guard !carried.isEmpty else { return }
        let pairs = carried.map { "[\($0.version),\($0.run)]" }.joined(separator: ",")
        try db.execute(
            sql: "INSERT INTO carried (run, version, since) SELECT ?, value ->> 0, value ->> 1 FROM json_each(?)",
            arguments: [run, "[" + pairs + "]"])
    }

    /// Findings of a run outside honoured `bango:allow` marks.
    static func reportedFindings(_ db: Database, run: Int) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT coalesce(sum(reported), 0) FROM version
                WHERE id IN (SELECT version FROM run_version WHERE run = ?)
                """, arguments: [run]) ?? 0
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
