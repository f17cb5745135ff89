import GRDB

/// The audit store's tables, built by migrations so that a store written by one version
/// opens in the next. Findings hold masked values and keyed fingerprints only, never a
/// raw value: the store is as safe to hand an auditor as the reports made from it.
///
/// Findings belong to a *version* of a file (its path and stamp), not to a run: a rescan
/// that finds a file unchanged records the version an earlier run read in `carried`, so
/// an unchanged sweep writes three integers per file and no finding at all, and
/// comparing two runs compares only the files whose version differs.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run (
                        id INTEGER PRIMARY KEY,
                        started TEXT NOT NULL,
                        ended TEXT,
                        -- running, complete, interrupted (Ctrl-C), incomplete (killed)
                        status TEXT NOT NULL,
                        roots TEXT NOT NULL,
                        rootsKey TEXT NOT NULL,
                        signature TEXT NOT NULL,
                        options TEXT NOT NULL,
                        version TEXT NOT NULL,
                        host TEXT NOT NULL,
                        pid INTEGER NOT NULL,
                        scannedFiles INTEGER NOT NULL DEFAULT 0,
                        scannedBytes INTEGER NOT NULL DEFAULT 0,
                        unchangedFiles INTEGER NOT NULL DEFAULT 0,
                        findings INTEGER NOT NULL DEFAULT 0,
                        skipped INTEGER NOT NULL DEFAULT 0,
                        failed INTEGER NOT NULL DEFAULT 0,
                        -- Compared with this earlier run: counts of new, persisting and
                        -- resolved findings (null until the run completes).
                        comparedRun INTEGER REFERENCES run(id) ON DELETE SET NULL,
                        newFindings INTEGER,
                        persistingFindings INTEGER,
                        resolvedFindings INTEGER
                    );
                    CREATE INDEX run_by_roots ON run(rootsKey, id);
                    -- One content version of one file: its stamp when it was read, and how
                    -- many findings it promised (the manifest's count) and holds outside
                    -- an honoured bango:allow mark.
                    CREATE TABLE version (
                        id INTEGER PRIMARY KEY,
                        path TEXT NOT NULL,
                        size INTEGER,
                        modified INTEGER,
                        device INTEGER,
                        inode INTEGER,
                        owner INTEGER,
                        contentHash TEXT,
                        findings INTEGER,
                        reported INTEGER
                    );
                    CREATE TABLE target (
                        id INTEGER PRIMARY KEY,
                        run INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        path TEXT NOT NULL,
                        member TEXT,
                        kind TEXT NOT NULL,
                        status TEXT NOT NULL,
                        reason TEXT,
                        detail TEXT,
                        bytes INTEGER,
                        findings INTEGER,
                        encoding TEXT,
                        -- The version a file read by this run gets.
                        version INTEGER REFERENCES version(id)
                    );
                    -- By run, then version: a run's rows, its versions, and the versions
                    -- two runs share, all from one index that stays cheap to grow (one
                    -- on paths doubled the cost of recording 50,000 unchanged files).
                    CREATE INDEX target_by_run ON target(run, version);
                    CREATE TABLE finding (
                        id INTEGER PRIMARY KEY,
                        version INTEGER NOT NULL REFERENCES version(id) ON DELETE CASCADE,
                        member TEXT,
                        lineNumber INTEGER NOT NULL,
                        columnNumber INTEGER NOT NULL,
                        detector TEXT NOT NULL,
                        confidence TEXT NOT NULL,
                        score INTEGER NOT NULL,
                        masked TEXT NOT NULL,
                        fingerprint BLOB NOT NULL,
                        location TEXT,
                        encoding TEXT,
                        allowMark INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX finding_by_version ON finding(version);
                    -- The files a run found unchanged: the version an earlier run read,
                    -- three integers a file, so a rescan of an unchanged share writes
                    -- little more than this.
                    CREATE TABLE carried (
                        run INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        version INTEGER NOT NULL REFERENCES version(id),
                        since INTEGER NOT NULL,
                        PRIMARY KEY (run, version)
                    ) WITHOUT ROWID;
                    -- Every version a run holds: those it read and those it carried over.
                    CREATE VIEW run_version AS
                        SELECT run, version FROM target WHERE version IS NOT NULL
                        UNION ALL SELECT run, version FROM carried;
                    """)
        }
        migrator.registerMigration("v2") { db in
            // A shard's finding in a file split between shards: the offset of the piece its
            // line and column count from, until `bango merge` makes them the file's.
            try db.execute(sql: "ALTER TABLE finding ADD COLUMN pieceOffset INTEGER")
        }
        return migrator
    }
}
