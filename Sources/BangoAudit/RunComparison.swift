import GRDB

/// What changed between two runs: each finding of the later run is persisting when the
/// earlier run had it, else new; each finding of the earlier run that the later one
/// lacks is resolved. Findings match by fingerprint and place (path and member) first,
/// then by fingerprint alone, so that a file moved or renamed keeps its findings
/// persisting instead of showing them resolved in one place and new in another. Equal
/// fingerprints in one place pair off one to one. Findings under an honoured
/// `bango:allow` mark are accepted and take no part.
struct RunComparison {
    let current: Int
    let previous: Int

    struct Counts: Equatable, Sendable {
        var new = 0
        var persisting = 0
        var resolved = 0
    }

    /// Builds the temporary table `matched(cid, pid)` of paired finding ids.
    func match(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TABLE IF EXISTS temp.cur; DROP TABLE IF EXISTS temp.prev; DROP TABLE IF EXISTS temp.matched;
                CREATE TEMP TABLE cur AS
                    SELECT id, fingerprint, path, coalesce(member, '') AS place,
                        row_number() OVER (PARTITION BY fingerprint, path, coalesce(member, '') ORDER BY id) AS n
                    FROM finding WHERE run = :current AND allowMark != 1;
                CREATE TEMP TABLE prev AS
                    SELECT id, fingerprint, path, coalesce(member, '') AS place,
                        row_number() OVER (PARTITION BY fingerprint, path, coalesce(member, '') ORDER BY id) AS n
                    FROM finding WHERE run = :previous AND allowMark != 1;
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

    /// The counts, from the table ``match(_:)`` built.
    func counts(_ db: Database) throws -> Counts {
        let matched = try Int.fetchOne(db, sql: "SELECT count(*) FROM matched") ?? 0
        let current = try Int.fetchOne(db, sql: "SELECT count(*) FROM cur") ?? 0
        let previous = try Int.fetchOne(db, sql: "SELECT count(*) FROM prev") ?? 0
        return Counts(new: current - matched, persisting: matched, resolved: previous - matched)
    }

    /// Matches, then writes each finding's change and the resolved ones into the store.
    func record(_ db: Database) throws -> Counts {
        try match(db)
        try db.execute(
            sql: """
                UPDATE finding SET change = CASE WHEN id IN (SELECT cid FROM matched) THEN 'persisting' ELSE 'new' END
                    WHERE run = :current AND allowMark != 1;
                INSERT INTO resolved (run, path, member, lineNumber, columnNumber, detector, confidence, masked,
                        fingerprint, location)
                    SELECT :current, path, member, lineNumber, columnNumber, detector, confidence, masked,
                        fingerprint, location
                    FROM finding WHERE run = :previous AND allowMark != 1 AND id NOT IN (SELECT pid FROM matched)
                    ORDER BY path, id;
                """, arguments: ["current": current, "previous": previous])
        return try counts(db)
    }
}
