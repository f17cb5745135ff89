import BangoCore
import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a ``StoreReport`` out of the store: one run, compared with the run before it
/// on the same roots (or the one `since` names).
struct StoreReportBuilder {
    let store: AuditStore
    /// What each listed finding is read as (`f` a finding, `v` its version).
    static let itemColumns =
        "v.path, f.member, f.lineNumber, f.columnNumber, f.detector, f.confidence, f.masked, f.fingerprint, f.location"
    /// How many folders and owners the tallies keep.
    static let topCount = 20

    func build(run id: Int?, since: Int?) throws(StoreError) -> StoreReport {
        try store.settleAbandonedRuns()
        let run = try chooseRun(id)
        let since = since ?? run.comparedRun
        if let since {
            let earlier = try store.run(since)
            guard earlier.id != run.id else {
                throw StoreError(path: store.path, message: "--since \(since) is the run reported; name an earlier one")
            }
        }
        return try store.write { db in
            let tallies = try Self.tallies(db, run: run.id)
            var items: [StoreReport.Item] = []
            var counts = RunComparison.Counts()
            if let since {
                let comparison = RunComparison(current: run.id, previous: since)
                try comparison.match(db)
                counts = try comparison.counts(db)
                items = try Self.items(
                    db,
                    sql: """
                        SELECT \(Self.itemColumns),
                            CASE WHEN m.cid IS NULL THEN 'new' ELSE 'persisting' END AS changeKind
                        FROM cur JOIN finding f ON f.id = cur.id JOIN version v ON v.id = f.version
                        LEFT JOIN matched m ON m.cid = cur.id
                        UNION ALL
                        SELECT \(Self.itemColumns), 'resolved' AS changeKind
                        FROM prev JOIN finding f ON f.id = prev.id JOIN version v ON v.id = f.version
                        WHERE prev.id NOT IN (SELECT pid FROM matched)
                        UNION ALL
                        SELECT \(Self.itemColumns), 'persisting' AS changeKind
                        FROM same JOIN finding f ON f.version = same.version JOIN version v ON v.id = f.version
                        WHERE f.allowMark != 1
                        """)
                try comparison.dropTables(db)
            } else {
                items = try Self.items(
                    db,
                    sql: """
                        SELECT \(Self.itemColumns), 'new' AS changeKind
                        FROM finding f JOIN version v ON v.id = f.version
                        WHERE f.version IN (SELECT version FROM run_version WHERE run = ?)
                            AND f.allowMark != 1
                        """, arguments: [run.id])
                counts.new = items.count
            }
            items.sort {
                ($0.path, $0.member ?? "", $0.line, $0.column) < ($1.path, $1.member ?? "", $1.line, $1.column)
            }
            return StoreReport(
                run: run, since: since, byDetector: tallies.detector, byConfidence: tallies.confidence,
                byFolder: tallies.folder, byOwner: tallies.owner, new: counts.new, persisting: counts.persisting,
                resolved: counts.resolved, items: items, problems: try Self.problems(db, run: run.id),
                trend: try Self.trend(db, run: run))
        }
    }

    /// The run asked for, else the newest complete one.
    private func chooseRun(_ id: Int?) throws(StoreError) -> RunRecord {
        if let id { return try store.run(id) }
        let newest = try store.read { db in
            try RunRecord.fetchOne(db, sql: "SELECT * FROM run WHERE status = 'complete' ORDER BY id DESC LIMIT 1")
        }
        guard let newest else {
            throw StoreError(path: store.path, message: "no complete run yet (`bango scan --store` records one)")
        }
        return newest
    }

    private static func tallies(
        _ db: Database, run: Int
    ) throws -> (
        detector: [StoreReport.Tally], confidence: StoreReport.Tally, folder: [StoreReport.Tally],
        owner: [StoreReport.Tally]
    ) {
        var detectors: [String: StoreReport.Tally] = [:]
        var folders: [String: StoreReport.Tally] = [:]
        var owners: [Int64: StoreReport.Tally] = [:]
        var confidence = StoreReport.Tally(name: "all")
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT f.detector, f.confidence, v.path, v.owner FROM finding f JOIN version v ON v.id = f.version
                WHERE f.version IN (SELECT version FROM run_version WHERE run = ?)
                    AND f.allowMark != 1
                """, arguments: [run])
        func count(_ tally: inout StoreReport.Tally, _ level: String) {
            switch level {
            case "high": tally.high += 1
            case "medium": tally.medium += 1
            default: tally.low += 1
            }
        }
        while let row = try rows.next() {
            let detector: String = row["detector"]
            let level: String = row["confidence"]
            let folder = Self.folder(of: row["path"])
            count(&detectors[detector, default: StoreReport.Tally(name: detector)], level)
            count(&folders[folder, default: StoreReport.Tally(name: folder)], level)
            let owner: Int64 = row["owner"] ?? -1
            count(&owners[owner, default: StoreReport.Tally(name: Self.ownerName(owner))], level)
            count(&confidence, level)
        }
        func ranked(_ tallies: some Sequence<StoreReport.Tally>) -> [StoreReport.Tally] {
            tallies.sorted { ($1.total, $0.name) < ($0.total, $1.name) }
        }
        return (
            ranked(detectors.values), confidence, Array(ranked(folders.values).prefix(topCount)),
            Array(ranked(owners.values).prefix(topCount))
        )
    }

    private static func items(_ db: Database, sql: String, arguments: StatementArguments = []) throws
        -> [StoreReport.Item]
    {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let fingerprint = FingerprintBlob.fingerprint(row["fingerprint"])?.description ?? ""
            return StoreReport.Item(
                path: row["path"], member: row["member"], line: row["lineNumber"], column: row["columnNumber"],
                detector: row["detector"], confidence: row["confidence"], masked: row["masked"],
                fingerprint: fingerprint, location: row["location"],
                change: StoreReport.Item.Change(rawValue: row["changeKind"]) ?? .new)
        }
    }

    private static func problems(_ db: Database, run: Int) throws -> [StoreReport.Problem] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT path, member, status, reason, detail FROM target
                WHERE run = ? AND status != 'scanned' ORDER BY path, member
                """, arguments: [run]
        ).map { row in
            StoreReport.Problem(
                path: row["path"], member: row["member"], status: row["status"], reason: row["reason"] ?? "",
                detail: row["detail"])
        }
    }

    private static func trend(_ db: Database, run: RunRecord) throws -> [StoreReport.Point] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, started, findings, newFindings, resolvedFindings FROM run
                WHERE rootsKey = (SELECT rootsKey FROM run WHERE id = ?) AND status = 'complete' AND id <= ?
                ORDER BY id
                """, arguments: [run.id, run.id]
        ).map { row in
            StoreReport.Point(
                run: row["id"], started: row["started"], findings: row["findings"], new: row["newFindings"],
                resolved: row["resolvedFindings"])
        }
    }

    /// The folder a path is in (`.` for a file named without one).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// A user name for a uid, else the number (`uid 1001`); `unknown` without a stamp.
    static func ownerName(_ uid: Int64) -> String {
        guard uid >= 0 else { return "unknown" }
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        // SAFETY: getpwuid_r writes into `entry` and `buffer`, both alive for this call; `pw_name` points into
        // `buffer` and is copied into a String before the buffer goes.
        let found = getpwuid_r(uid_t(uid), &entry, &buffer, buffer.count, &result)
        guard found == 0, let result, let name = result.pointee.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }
}
