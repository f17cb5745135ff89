import BangoCore
import BangoReport
import Foundation
import GRDB

/// Merges the audit stores of a sweep's shards into one run of a merged store: each
/// shard's last complete run is copied in (its targets, the file versions it read or
/// carried over, their findings) by SQLite itself through `ATTACH`, so no finding passes
/// through memory; the parts of a split file are joined into one target; and the run is
/// finished like a scan's, compared with the merged store's previous run on the same
/// roots. A merged store kept from sweep to sweep therefore has the history of the
/// sweep: new, persisting and resolved findings, runs, reports.
public struct StoreMerger {
    public let store: AuditStore

    public init(path: String) throws(StoreError) { store = try AuditStore(path: path) }

    /// Records a run made of `shards` (paths of shard stores, in shard order) with the
    /// merged manifest's totals; returns the run.
    public func merge(
        shards: [String], summary: ManifestSummary, shardCount: Int,
        pieces: [(path: String, offset: Int, lines: Int, carry: Int)]
    ) throws(StoreError) -> RunRecord {
        let sources = try shards.map { path throws(StoreError) in try Self.lastCompleteRun(of: path) }
        guard let first = sources.first else { throw StoreError(path: store.path, message: "no shard stores to merge") }
        for (path, source) in zip(shards, sources)
        where source.signature != first.signature || source.roots != first.roots {
            throw StoreError(path: path, message: "its last run is of another sweep (roots or scan signature differ)")
        }
        let plan = RunPlan(
            roots: first.roots.split(separator: "\n").map(String.init), signature: first.signature,
            options: "{\"merged_shards\": \(shardCount)}", version: first.version,
            // A merged run reads no file: nothing carries over into it.
            carriesOver: false)
        let run = try RecordedRun(store: store, plan: plan)
        for (path, source) in zip(shards, sources) {
            try store.withAttached(path, as: "shard") { db in try Self.copy(run: source.id, into: run.id, db) }
        }
        try store.write { db in
            try Self.resolvePieces(pieces, run: run.id, store: store.path, db)
            try Self.joinSplitFiles(run: run.id, db)
        }
        return try run.finish(summary: summary, interrupted: false)
    }

    struct Source {
        let id: Int
        let roots: String
        let signature: String
        let version: String
    }

    static func lastCompleteRun(of path: String) throws(StoreError) -> Source {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw StoreError(path: path, message: "cannot be read")
        }
        let shard = try AuditStore(path: path)
        let row = try shard.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT id, roots, signature, version FROM run WHERE status = 'complete' ORDER BY id DESC LIMIT 1")
        }
        guard let row else {
            throw StoreError(path: path, message: "holds no complete run: the shard did not finish; rerun it")
        }
        return Source(id: row["id"], roots: row["roots"], signature: row["signature"], version: row["version"])
    }

    /// Copies shard run `source` into run `run`: versions get new ids past the merged
    /// store's, findings follow their versions, and the files the shard carried over
    /// are carried in the merged run too.
    static func copy(run source: Int, into run: Int, _ db: Database) throws {
        let offset = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM main.version") ?? 0
        try Self.execute(
            db, arguments: ["source": Int64(source), "offset": offset, "run": Int64(run)],
            """
            CREATE TEMP TABLE shard_versions AS
                SELECT version AS id FROM shard.target WHERE run = :source AND version IS NOT NULL
                UNION SELECT version FROM shard.carried WHERE run = :source;
            INSERT INTO main.version (id, path, size, modified, device, inode, owner, contentHash, findings, reported)
                SELECT id + :offset, path, size, modified, device, inode, owner, contentHash, findings, reported
                FROM shard.version WHERE id IN (SELECT id FROM temp.shard_versions);
            INSERT INTO main.finding (version, member, lineNumber, columnNumber, detector, confidence, score, masked,
                    fingerprint, location, encoding, allowMark, pieceOffset)
                SELECT version + :offset, member, lineNumber, columnNumber, detector, confidence, score, masked,
                    fingerprint, location, encoding, allowMark, pieceOffset
                FROM shard.finding WHERE version IN (SELECT id FROM temp.shard_versions);
            INSERT INTO main.target (run, path, member, kind, status, reason, detail, bytes, findings, encoding, version)
                SELECT :run, path, member, kind, status, reason, detail, bytes, findings, encoding, version + :offset
                FROM shard.target WHERE run = :source;
            INSERT INTO main.carried (run, version, since)
                SELECT :run, version + :offset, :run FROM shard.carried WHERE run = :source;
            DROP TABLE temp.shard_versions;
            """)
    }

    /// Gives the findings of split files their file's lines and columns: each shard
    /// counted them from the start of its piece (``FilePart``).
    static func resolvePieces(
        _ pieces: [(path: String, offset: Int, lines: Int, carry: Int)], run: Int, store: String, _ db: Database
    ) throws {
        guard !pieces.isEmpty else { return }
        let rows = pieces.map { "[\(JSON.quote($0.path)),\($0.offset),\($0.lines),\($0.carry)]" }
        try db.execute(
            sql: """
                CREATE TEMP TABLE piece AS SELECT value ->> 0 AS path, value ->> 1 AS offset, value ->> 2 AS lines,
                    value ->> 3 AS carry FROM json_each(?)
                """, arguments: ["[" + rows.joined(separator: ",") + "]"])
        try db.execute(
            sql: """
                UPDATE finding SET lineNumber = finding.lineNumber + p.lines,
                    columnNumber = finding.columnNumber + (CASE WHEN finding.lineNumber = 1 THEN p.carry ELSE 0 END),
                    pieceOffset = NULL
                FROM version v, temp.piece p
                WHERE finding.pieceOffset IS NOT NULL AND v.id = finding.version AND p.path = v.path
                    AND p.offset = finding.pieceOffset
                    AND finding.version IN (SELECT version FROM run_version WHERE run = ?)
                """, arguments: [run])
        let unresolved =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM finding WHERE pieceOffset IS NOT NULL
                        AND version IN (SELECT version FROM run_version WHERE run = ?)
                    """, arguments: [run]) ?? 0
        try db.execute(sql: "DROP TABLE temp.piece")
        guard unresolved == 0 else {
            throw StoreError(path: store, message: "\(unresolved) findings refer to pieces no manifest recorded")
        }
    }

    /// A file split between shards has a target and a version in each shard that scanned
    /// a part: they become one target and one version holding all its findings.
    static func joinSplitFiles(run: Int, _ db: Database) throws {
        try Self.execute(
            db, arguments: ["run": Int64(run)],
            """
            CREATE TEMP TABLE split AS
                SELECT path, min(id) AS keep, min(version) AS keepVersion, sum(bytes) AS bytes,
                    sum(findings) AS findings
                FROM target WHERE run = :run AND member IS NULL AND kind = 'file' AND status = 'scanned'
                    AND version IS NOT NULL
                GROUP BY path HAVING count(*) > 1;
            CREATE TEMP TABLE split_part AS
                SELECT t.id AS target, t.version AS version, s.keep AS keep, s.keepVersion AS keepVersion
                FROM target t JOIN temp.split s ON s.path = t.path
                WHERE t.run = :run AND t.member IS NULL AND t.kind = 'file' AND t.status = 'scanned';
            UPDATE finding SET version = (SELECT keepVersion FROM temp.split_part p WHERE p.version = finding.version)
                WHERE version IN (SELECT version FROM temp.split_part WHERE target != keep);
            UPDATE target SET
                bytes = (SELECT bytes FROM temp.split s WHERE s.keep = target.id),
                findings = (SELECT findings FROM temp.split s WHERE s.keep = target.id)
                WHERE id IN (SELECT keep FROM temp.split);
            UPDATE version SET
                size = (SELECT bytes FROM temp.split s WHERE s.keepVersion = version.id),
                findings = (SELECT findings FROM temp.split s WHERE s.keepVersion = version.id),
                reported = NULL
                WHERE id IN (SELECT keepVersion FROM temp.split);
            DELETE FROM target WHERE id IN (SELECT target FROM temp.split_part WHERE target != keep);
            DELETE FROM version WHERE id IN (SELECT version FROM temp.split_part WHERE target != keep);
            DROP TABLE temp.split_part;
            DROP TABLE temp.split;
            """)
    }

    /// Runs each `;`-separated statement with the named arguments it uses.
    static func execute(_ db: Database, arguments: [String: Int64], _ sql: String) throws {
        for text in sql.split(separator: ";") where !text.allSatisfy(\.isWhitespace) {
            let used = arguments.filter { text.contains(":" + $0.key) }
            try db.execute(sql: String(text), arguments: StatementArguments(used))
        }
    }
}
