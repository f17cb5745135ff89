import BangoCore
import BangoScan
import Foundation
import GRDB
import Synchronization

/// The store's answer to "is this file unchanged?": the stamps of the last complete run
/// on the same roots, overlaid with those of later runs that were cut short (so a run
/// killed halfway resumes where it stopped). A file counts only where the store holds
/// every finding its target row promises, and none of its parts failed.
final class StoredPriorScan: PriorScan, Sendable {
    struct Entry: Sendable {
        let run: Int
        let stamp: FileStamp
        let findings: Int
    }

    let store: AuditStore
    private let entries: [String: Entry]
    /// `--verify`: a stamp matches only with equal content hashes.
    private let requiresHash: Bool
    /// The files answered for, by the run that holds their findings.
    private let answered = Mutex<[Int: Set<String>]>([:])
    /// Why replaying failed, if it did: the run then lacks findings and must say so.
    let replayFailure = Mutex<StoreError?>(nil)

    init(store: AuditStore, runs: [Int], requiresHash: Bool) throws(StoreError) {
        self.store = store
        self.requiresHash = requiresHash
        entries = try store.read { db in
            var entries: [String: Entry] = [:]
            for run in runs {
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT path, size, modified, device, inode, owner, contentHash, findings,
                            (SELECT count(*) FROM finding f WHERE f.run = t.run AND f.path = t.path) AS stored
                        FROM target t
                        WHERE run = ? AND status = 'scanned' AND member IS NULL AND size IS NOT NULL
                            AND NOT EXISTS (
                                SELECT 1 FROM target u WHERE u.run = t.run AND u.path = t.path AND u.status = 'failed')
                        """, arguments: [run])
                while let row = try rows.next() {
                    let findings: Int = row["findings"] ?? 0
                    guard findings == row["stored"] as Int else { continue }
                    let stamp = FileStamp(
                        size: row["size"], modified: row["modified"],
                        device: UInt64(bitPattern: row["device"] as Int64),
                        inode: UInt64(bitPattern: row["inode"] as Int64), owner: UInt32(row["owner"] as Int64),
                        contentHash: row["contentHash"])
                    entries[row["path"]] = Entry(run: run, stamp: stamp, findings: findings)
                }
            }
            return entries
        }
    }

    /// How many files the store could carry over.
    var count: Int { entries.count }

    func unchanged(_ path: String, stamp: FileStamp) -> (run: Int, findings: Int)? {
        guard let entry = entries[path], entry.stamp.matches(stamp) else { return nil }
        if requiresHash, entry.stamp.contentHash == nil || stamp.contentHash == nil { return nil }
        answered.withLock { _ = $0[entry.run, default: []].insert(path) }
        return (entry.run, entry.findings)
    }

    func replay(_ emit: ([Finding]) -> Void) {
        let answered = answered.withLock { $0 }
        for (run, paths) in answered.sorted(by: { $0.key < $1.key }) {
            // One pass over the run's findings in path order: a rescan that changes
            // little replays nearly all of them, and one query beats one per file.
            do {
                try store.read { db in
                    let rows = try Row.fetchCursor(
                        db,
                        sql: """
                            SELECT path, member, lineNumber, columnNumber, detector, confidence, masked, fingerprint,
                                location, encoding, allowMark
                            FROM finding WHERE run = ? ORDER BY path, id
                            """, arguments: [run])
                    var batch: [Finding] = []
                    while let row = try rows.next() {
                        let path: String = row["path"]
                        guard paths.contains(path) else { continue }
                        if let first = batch.first, first.path != path {
                            emit(batch)
                            batch.removeAll(keepingCapacity: true)
                        }
                        if let finding = Self.finding(row) { batch.append(finding) }
                    }
                    if !batch.isEmpty { emit(batch) }
                }
            } catch {
                replayFailure.withLock { $0 = error }
            }
        }
    }

    static func finding(_ row: Row) -> Finding? {
        guard let confidence = Confidence(name: row["confidence"]),
            let fingerprint = FingerprintBlob.fingerprint(row["fingerprint"])
        else { return nil }
        return Finding(
            path: row["path"], member: row["member"], line: row["lineNumber"], column: row["columnNumber"],
            detector: row["detector"], confidence: confidence, masked: row["masked"], fingerprint: fingerprint,
            location: row["location"], encoding: row["encoding"],
            allowMark: AllowMark(rawValue: UInt8(row["allowMark"] as Int)) ?? .none)
    }
}
