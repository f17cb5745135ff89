import BangoCore
import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// The audit store: one SQLite file (WAL mode, readable by its owner only) that keeps
/// every run of a scheduled sweep: its targets with their stamps and outcomes, and its
/// findings, masked and fingerprinted. Rescans read only what changed since the last
/// run; reports show what is new, persisting and resolved.
public final class AuditStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens the store at `path`, creating it (mode 0600) and its tables when missing.
    public init(path: String) throws(StoreError) {
        self.path = path
        try Self.createPrivately(path)
        var configuration = Configuration()
        // Another bango writing the same store waits its turn instead of failing.
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync: a crash loses at most the last commits, never the
            // consistency of the file, and commits do not wait on the disk.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try StoreSchema.migrator.migrate(pool)
        } catch {
            throw StoreError(path: path, message: Self.describe(error))
        }
    }

    /// Runs `body` writing, turning SQLite's errors into ``StoreError``.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch let error as StoreError { throw error } catch {
            throw StoreError(path: path, message: Self.describe(error))
        }
    }

    /// Runs `body` in one transaction with the store at `other` attached as `name`
    /// (attaching is not allowed inside a transaction, so it happens around it).
    func withAttached<T>(_ other: String, as name: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS \(name)", arguments: [other])
                defer { try? db.execute(sql: "DETACH DATABASE \(name)") }
                var result: T?
                try db.inTransaction {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError(path: path, message: "a merge transaction did not run") }
                return result
            }
        } catch let error as StoreError { throw error } catch {
            throw StoreError(path: path, message: Self.describe(error))
        }
    }

    /// Runs `body` reading, turning SQLite's errors into ``StoreError``.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch let error as StoreError { throw error } catch {
            throw StoreError(path: path, message: Self.describe(error))
        }
    }

    /// Every run, oldest first, after marking runs whose process died as incomplete.
    public func runs() throws(StoreError) -> [RunRecord] {
        try settleAbandonedRuns()
        return try read { db in try RunRecord.fetchAll(db, sql: "SELECT * FROM run ORDER BY id") }
    }

    /// The run numbered `id`.
    public func run(_ id: Int) throws(StoreError) -> RunRecord {
        let found = try read { db in try RunRecord.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id])
        }
        guard let found else { throw StoreError(path: path, message: "no run \(id) (`bango runs` lists them)") }
        return found
    }

    /// Deletes all but the newest `keep` runs with their targets, and the findings no kept
    /// run holds; returns how many runs went.
    public func prune(keep: Int) throws(StoreError) -> Int {
        try settleAbandonedRuns()
        let removed = try write { db -> Int in
            try db.execute(
                sql: "DELETE FROM run WHERE id NOT IN (SELECT id FROM run ORDER BY id DESC LIMIT ?)", arguments: [keep])
            let removed = db.changesCount
            // Versions no kept run points at go, with their findings.
            try db.execute(
                sql: "DELETE FROM version WHERE id NOT IN (SELECT version FROM run_version)")
            return removed
        }
        do { try pool.writeWithoutTransaction { try $0.execute(sql: "VACUUM") } } catch {
            throw StoreError(path: path, message: Self.describe(error))
        }
        return removed
    }

    /// Runs still marked running whose process on this host is gone (killed, or the
    /// machine went down) become incomplete: their finished targets still serve the next
    /// rescan, but no report counts them as a sweep.
    func settleAbandonedRuns() throws(StoreError) {
        let host = Self.hostName
        try write { db in
            let running = try Row.fetchAll(
                db, sql: "SELECT id, pid FROM run WHERE status = 'running' AND host = ?", arguments: [host])
            for row in running {
                let pid: Int32 = row["pid"]
                if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                    try db.execute(
                        sql: "UPDATE run SET status = 'incomplete' WHERE id = ?", arguments: [row["id"] as Int])
                }
            }
        }
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Makes the file with mode 0600 before SQLite opens it; SQLite gives its WAL and
    /// shared-memory files the same mode. An existing store is narrowed to 0600 too.
    private static func createPrivately(_ path: String) throws(StoreError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw StoreError(path: path, message: String(cString: strerror(errno))) }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB: return "not an audit store (not a SQLite database)"
            case .SQLITE_CORRUPT: return "the database file is corrupt (\(error.message ?? "no detail"))"
            case .SQLITE_FULL: return "the disk is full"
            case .SQLITE_READONLY: return "read-only: cannot record a run"
            default: return error.message ?? "\(error.resultCode)"
            }
        }
        return "\(error)"
    }
}
