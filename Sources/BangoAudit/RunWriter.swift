import BangoCore
import Dispatch
import Foundation
import GRDB

/// Writes a run's targets and findings into the store as the scan makes them, in
/// batches committed on a thread of their own, so that workers never wait on SQLite
/// unless it falls two batches behind. Each batch is one transaction: a run killed at
/// any moment leaves whole batches only.
///
/// Each file read gets a new ``StoreSchema`` version whose findings are written here;
/// a file unchanged since an earlier run points at that run's version and writes none.
final class RunWriter: ManifestObserver, Sendable {
    enum Row: Sendable {
        case version(id: Int64, path: String)
        case target(ManifestEntry, version: Int64?)
        case finding(Finding, version: Int64)
    }

    private struct State {
        var pending: [Row] = []
        var error: StoreError?
        /// The version of each file this run read, by path.
        var versions: [String: Int64] = [:]
        var nextVersion: Int64
        /// When a batch last went to the queue (uptime nanoseconds).
        var lastSubmitted: UInt64 = DispatchTime.now().uptimeNanoseconds

        /// The version findings of `path` go to, made (and queued) on first sight.
        mutating func version(of path: String) -> Int64 {
            if let id = versions[path] { return id }
            let id = nextVersion
            nextVersion += 1
            versions[path] = id
            pending.append(.version(id: id, path: path))
            return id
        }
    }

    let store: AuditStore
    let runID: Int
    /// The earlier runs' versions of the files carried over.
    let prior: StoredPriorScan?
    private let state: Locked<State>
    private let queue = DispatchQueue(label: "bango.store")
    /// Batches handed to the queue and not yet committed, at most two.
    private let inFlight = DispatchSemaphore(value: 2)
    static let batchSize = 4096
    /// A batch is committed at least this often, so that a run killed on a slow share
    /// still leaves the work of all but its last moments for the next run to resume.
    static let batchInterval: UInt64 = 250_000_000

    init(store: AuditStore, runID: Int, prior: StoredPriorScan?, firstVersion: Int64) {
        self.store = store
        self.runID = runID
        self.prior = prior
        state = Locked(State(nextVersion: firstVersion))
    }

    /// The versions this run read (for the counts written when it finishes).
    var readVersions: [Int64] { state.withLock { Array($0.versions.values) } }

    /// A target the scan read (files found unchanged are recorded apart, in `carried`).
    func recorded(_ entry: ManifestEntry) {
        add { state in
            var version: Int64?
            if entry.member == nil {
                version = entry.status == .scanned ? state.version(of: entry.path) : state.versions[entry.path]
            }
            state.pending.append(.target(entry, version: version))
        }
    }

    func recordFindings(_ findings: [Finding]) {
        guard let path = findings.first?.path else { return }
        // Replayed from an earlier version: stored already.
        if prior?.carriedVersion(path) != nil { return }
        add { state in
            for finding in findings {
                state.pending.append(.finding(finding, version: state.version(of: finding.path)))
            }
        }
    }

    private func add(_ body: (inout State) -> Void) {
        let batch: [Row]? = state.withLock { state in
            body(&state)
            let now = DispatchTime.now().uptimeNanoseconds
            guard state.pending.count >= Self.batchSize || now - state.lastSubmitted >= Self.batchInterval else {
                return nil
            }
            state.lastSubmitted = now
            defer { state.pending.removeAll(keepingCapacity: true) }
            return state.pending
        }
        if let batch { submit(batch) }
    }

    private func submit(_ batch: [Row]) {
        inFlight.wait()
        queue.async {
            defer { self.inFlight.signal() }
            do throws(StoreError) {
                try self.store.write { db in try self.insert(batch, db) }
            } catch {
                self.state.withLock { state in if state.error == nil { state.error = error } }
            }
        }
    }

    /// Commits what is pending and waits for every batch; the first error, if any.
    func flush() throws(StoreError) {
        let rest = state.withLock { state -> [Row] in
            defer { state.pending.removeAll() }
            return state.pending
        }
        if !rest.isEmpty { submit(rest) }
        queue.sync {}
        if let error = state.withLock({ $0.error }) { throw error }
    }

    private func insert(_ batch: [Row], _ db: Database) throws {
        let versions = try db.cachedStatement(sql: "INSERT INTO version (id, path) VALUES (?, ?)")
        let stamps = try db.cachedStatement(
            sql: """
                UPDATE version SET size = ?, modified = ?, device = ?, inode = ?, owner = ?, contentHash = ?,
                    findings = ? WHERE id = ?
                """)
        let targets = try db.cachedStatement(
            sql: """
                INSERT INTO target (run, path, member, kind, status, reason, detail, bytes, findings, encoding,
                    version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let findings = try db.cachedStatement(
            sql: """
                INSERT INTO finding (version, member, lineNumber, columnNumber, detector, confidence, score, masked,
                    fingerprint, location, encoding, allowMark, pieceOffset)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for row in batch {
            switch row {
            case .version(let id, let path):
                try versions.execute(arguments: [id, path])
            case .target(let entry, let version):
                if let version, let stamp = entry.stamp, entry.member == nil, entry.status == .scanned {
                    try stamps.execute(arguments: [
                        stamp.size, stamp.modified, Int64(bitPattern: stamp.device), Int64(bitPattern: stamp.inode),
                        Int64(stamp.owner), stamp.contentHash, entry.findings, version,
                    ])
                }
                try targets.execute(arguments: [
                    runID, entry.path, entry.member, entry.kind, entry.status.rawValue, entry.reason?.rawValue,
                    entry.detail, entry.bytes, entry.findings, entry.encoding, version,
                ])
            case .finding(let finding, let version):
                try findings.execute(arguments: [
                    version, finding.member, finding.line, finding.column, finding.detector, finding.confidence.name,
                    finding.confidence.score, finding.masked, FingerprintBlob.data(finding.fingerprint),
                    finding.location, finding.encoding, Int(finding.allowMark.rawValue), finding.pieceOffset,
                ])
            }
        }
    }
}

/// A fingerprint's 32 bytes as a SQLite blob, and back.
enum FingerprintBlob {
    static func data(_ fingerprint: Fingerprint) -> Data {
        Data((0..<32).map { fingerprint.bytes[$0] })
    }

    static func fingerprint(_ data: Data?) -> Fingerprint? {
        guard let data, data.count == 32 else { return nil }
        // SAFETY: the guard above leaves exactly 32 readable bytes; an unaligned load of a trivial SIMD type reads
        // those and no more, within this call.
        return Fingerprint(bytes: data.withUnsafeBytes { $0.loadUnaligned(as: SIMD32<UInt8>.self) })
    }
}
