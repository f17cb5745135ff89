import BangoCore
import BangoScan
import Foundation
import GRDB

/// The store's answer to "is this file unchanged?": the versions of the last complete
/// run on the same roots, overlaid with those of later runs that were cut short (so a
/// run killed halfway resumes where it stopped). A version counts only where the store
/// holds every finding its target promised, and no part of the file failed to be read
/// (a read error may not recur; an encrypted member or a pattern's limit will, and is
/// replayed as it was recorded).
final class StoredPriorScan: PriorScan, Sendable {
    struct Entry: Sendable {
        let run: Int
        let version: Int64
        let stamp: FileStamp
        let findings: Int
    }

    let store: AuditStore
    private let entries: [String: Entry]
    /// The path of each version in ``entries``.
    private let paths: [Int64: String]
    /// `--verify`: a stamp matches only with equal content hashes.
    private let requiresHash: Bool
    /// The files answered for: their entries, by path.
    private let answered: Locked<[String: Entry]>
    /// Why replaying failed, if it did: the run then lacks findings and must say so.
    let replayFailure = Locked<StoreError?>(nil)

    /// `runs` oldest first, each with whether it completed: a complete run wrote every
    /// finding before it was marked so, while one cut short is checked file by file.
    init(store: AuditStore, runs: [(id: Int, complete: Bool)], requiresHash: Bool) throws(StoreError) {
        self.store = store
        self.requiresHash = requiresHash
        entries = try store.read { db in
            var entries: [String: Entry] = [:]
            for (run, complete) in runs {
                let stored = complete ? "-1" : "(SELECT count(*) FROM finding f WHERE f.version = v.id)"
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT v.path, v.id, v.size, v.modified, v.device, v.inode, v.owner, v.contentHash, v.findings,
                            \(stored) AS stored
                        FROM (SELECT DISTINCT version FROM run_version WHERE run = ?) AS t JOIN version v ON v.id = t.version
                        WHERE v.size IS NOT NULL
                        """, arguments: [run])
                let failed = Set(
                    try String.fetchAll(
                        db,
                        sql: """
                            SELECT DISTINCT path FROM target WHERE run = ? AND status = 'failed'
                                AND reason IN ('read_error', 'truncated_during_scan', 'unreadable', 'not_found')
                            """, arguments: [run]))
                while let row = try rows.next() {
                    let findings: Int = row[8] ?? -1
                    guard complete || findings == row[9] as Int else { continue }
                    let path: String = row[0]
                    guard !failed.contains(path) else { continue }
                    let stamp = FileStamp(
                        size: row[2], modified: row[3], device: UInt64(bitPattern: row[4] as Int64),
                        inode: UInt64(bitPattern: row[5] as Int64), owner: UInt32(truncatingIfNeeded: row[6] as Int64),
                        contentHash: row[7])
                    entries[path] = Entry(run: run, version: row[1], stamp: stamp, findings: findings)
                }
            }
            return entries
        }
        paths = Dictionary(uniqueKeysWithValues: entries.map { ($0.value.version, $0.key) })
        answered = Locked(Dictionary(minimumCapacity: entries.count))
    }

    func unchanged(_ path: String, stamp: FileStamp) -> PriorFile? {
        guard let entry = entries[path], entry.stamp.matches(stamp, requiringHash: requiresHash) else { return nil }
        answered.withLock { $0[path] = entry }
        return PriorFile(run: entry.run, findings: entry.findings, token: entry.version)
    }

    /// The files answered for, as (version, run that recorded it).
    var carried: [(version: Int64, run: Int)] {
        // In version order: the carried table's key is (run, version), and rows that come
        // in key order are appended to its B-tree instead of splitting pages all over it
        // (recording 50,000 files took 140 ms in the order a dictionary gives, 70 ms so).
        answered.withLock { $0.values.map { ($0.version, $0.run) } }.sorted { $0.version < $1.version }
    }

    /// The earlier version a carried-over file points at.
    func carriedVersion(_ path: String) -> Int64? { answered.withLock { $0[path]?.version } }

    func replay(_ files: [PriorFile], emit: ([Finding]) -> Void) {
        guard !files.isEmpty else { return }
        do {
            try store.read { db in
                // Versions are integers the store made: listed in the statement, one query
                // serves a few hundred files.
                let list = files.map { String($0.token) }.joined(separator: ",")
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT version, member, lineNumber, columnNumber, detector, score, masked, fingerprint,
                            location, encoding, allowMark
                        FROM finding WHERE version IN (\(list)) ORDER BY version, id
                        """)
                var batch: [Finding] = []
                var batchVersion: Int64 = -1
                var path = ""
                while let row = try rows.next() {
                    let version: Int64 = row[0]
                    if version != batchVersion {
                        if !batch.isEmpty {
                            emit(batch)
                            batch.removeAll(keepingCapacity: true)
                        }
                        batchVersion = version
                        path = paths[version] ?? ""
                    }
                    if let finding = try Self.finding(row, path: path) { batch.append(finding) }
                }
                if !batch.isEmpty { emit(batch) }
            }
        } catch {
            replayFailure.withLock { $0 = error }
        }
    }

    func replayEntries(_ record: (ManifestEntry) -> Void) {
        let answered = answered.withLock { $0 }
        guard !answered.isEmpty else { return }
        do {
            try store.read { db in
                for run in Set(answered.values.map(\.run)).sorted() {
                    let entries = try Row.fetchCursor(
                        db,
                        sql: """
                            SELECT path, member, kind, status, reason, detail, bytes, findings, encoding FROM target
                            WHERE run = ? AND (member IS NOT NULL OR status != 'scanned') ORDER BY id
                            """, arguments: [run])
                    while let row = try entries.next() {
                        let path: String = row[0]
                        guard answered[path]?.run == run, let status = TargetStatus(rawValue: row[3]) else { continue }
                        record(
                            ManifestEntry(
                                path: path, kind: row[2], status: status,
                                reason: (row[4] as String?).flatMap(TargetReason.init), detail: row[5], bytes: row[6],
                                findings: row[7], encoding: row[8], member: row[1]))
                    }
                }
            }
        } catch {
            replayFailure.withLock { $0 = error }
        }
    }

    static func finding(_ row: Row, path: String) throws -> Finding? {
        // SAFETY: the Data GRDB lends points into SQLite's row buffer and is used only inside this call, which copies
        // its 32 bytes out.
        let fingerprint = try row.withUnsafeData(atIndex: 7, FingerprintBlob.fingerprint)
        guard let confidence = Confidence(rawValue: row[5]), let fingerprint else { return nil }
        return Finding(
            path: path, member: row[1], line: row[2], column: row[3], detector: row[4], confidence: confidence,
            masked: row[6], fingerprint: fingerprint, location: row[8], encoding: row[9],
            allowMark: AllowMark(rawValue: UInt8(truncatingIfNeeded: row[10] as Int)) ?? .none)
    }
}
