import GRDB

/// What changed between two runs: each finding of the later run is persisting when the
/// earlier run had it, else new; each finding of the earlier run that the later one
/// lacks is resolved. A file whose version both runs share persists whole, so only the
/// files that changed are compared finding by finding: by fingerprint and place (path
/// and member) first, then by fingerprint alone, so that a file moved or renamed keeps
/// its findings persisting instead of showing them resolved in one place and new in
/// another. Equal fingerprints in one place pair off one to one. Findings under an
/// honoured `bango:allow` mark are accepted and take no part.
struct RunComparison {
    let current: Int
    let previous: Int

    struct Counts: Equatable, Sendable {
        var new = 0
        var persisting = 0
        var resolved = 0
    }

    /// Builds the temporary tables: `same(version)` shared by both runs (a version has
    /// one path, so the same version is the same file unchanged),
    /// `cur` and `prev` the findings of the other versions, `matched(cid, pid)` pairs.
    func match(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TABLE IF EXISTS temp.same; DROP TABLE IF EXISTS temp.cur; DROP TABLE IF EXISTS temp.prev;
                DROP TABLE IF EXISTS temp.matched;
                CREATE TEMP TABLE same AS
                    SELECT version FROM run_version WHERE run = :current
                    INTERSECT SELECT version FROM run_version WHERE run = :previous;
                CREATE UNIQUE INDEX temp.same_version ON same(version);
                \(Self.changedFindings(table: "cur", run: ":current"))
                \(Self.changedFindings(table: "prev", run: ":previous"))
                CREATE INDEX temp.prev_key ON prev(fingerprint, path, place, n);
                CREATE TEMP TABLE matched AS
                    SELECT cur.id AS cid, prev.id AS pid FROM cur
                    JOIN prev ON prev.fingerprint = cur.fingerprint AND prev.path = cur.path
                        AND prev.place = cur.place AND prev.n = cur.n;
                CREATE UNIQUE INDEX temp.matched_cid ON matched(cid);
                CREATE UNIQUE INDEX temp.matched_pid ON matched(pid);
                INSERT INTO matched
                    SELECT c.id, p.id FROM
                        (SELECT id, fingerprint, row_number() OVER (PARTITION BY fingerprint ORDER BY path, place, id) AS n
                            FROM cur WHERE id NOT IN (SELECT cid FROM matched)) AS c
                    JOIN
                        (SELECT id, fingerprint, row_number() OVER (PARTITION BY fingerprint ORDER BY path, place, id) AS n
                            FROM prev WHERE id NOT IN (SELECT pid FROM matched)) AS p
                    ON p.fingerprint = c.fingerprint AND p.n = c.n;
                """, arguments: ["current": current, "previous": previous])
    }

    /// A temporary table of the findings of `run`'s versions the other run lacks, each
    /// numbered among the equal fingerprints in its place.
    private static func changedFindings(table: String, run: String) -> String {
        """
        CREATE TEMP TABLE \(table) AS
            SELECT f.id, f.fingerprint, v.path, coalesce(f.member, '') AS place,
                row_number() OVER (PARTITION BY f.fingerprint, v.path, coalesce(f.member, '') ORDER BY f.id) AS n
            FROM (SELECT DISTINCT version FROM run_version
                    WHERE run = \(run) AND version NOT IN (SELECT version FROM same)) AS t
                JOIN finding f ON f.version = t.version JOIN version v ON v.id = f.version
            WHERE f.allowMark != 1;
        """
    }

    /// The counts, from the tables ``match(_:)`` built.
    func counts(_ db: Database) throws -> Counts {
        let same =
            try Int.fetchOne(
                db, sql: "SELECT coalesce(sum(reported), 0) FROM version WHERE id IN (SELECT version FROM same)") ?? 0
        let matched = try Int.fetchOne(db, sql: "SELECT count(*) FROM matched") ?? 0
        let current = try Int.fetchOne(db, sql: "SELECT count(*) FROM cur") ?? 0
        let previous = try Int.fetchOne(db, sql: "SELECT count(*) FROM prev") ?? 0
        return Counts(new: current - matched, persisting: same + matched, resolved: previous - matched)
    }

    func dropTables(_ db: Database) throws {
        try db.execute(sql: "DROP TABLE temp.same; DROP TABLE temp.cur; DROP TABLE temp.prev; DROP TABLE temp.matched")
    }

    /// The counts of changes, leaving no table behind.
    func record(_ db: Database) throws -> Counts {
        try match(db)
        defer { try? dropTables(db) }
        return try counts(db)
    }
}
