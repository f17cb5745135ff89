import BangoCore
import Dispatch
import Foundation
import GRDB
import Synchronization

/// Writes a run's targets and findings into the store as the scan makes them, in
/// batches committed on a thread of their own, so that workers never wait on SQLite
/// unless it falls two batches behind. Each batch is one transaction: a run killed at
/// any moment leaves whole batches only.
final class RunWriter: ManifestObserver, Sendable {
    enum Row: Sendable {
        case target(ManifestEntry)
        case finding(Finding)
    }

    private struct State {
        var pending: [Row] = []
        var error: StoreError?
        var rows = 0
        /// When a batch last went to the queue (uptime nanoseconds).
        var lastSubmitted: UInt64 = DispatchTime.now().uptimeNanoseconds
    }

    let store: AuditStore
    let runID: Int
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "bango.store")
    /// Batches handed to the queue and not yet committed, at most two.
    private let inFlight = DispatchSemaphore(value: 2)
    static let batchSize = 4096
    /// A batch is committed at least this often, so that a run killed on a slow share
    /// still leaves the work of all but its last moments for the next run to resume.
    static let batchInterval: UInt64 = 250_000_000

    init(store: AuditStore, runID: Int) {
        self.store = store
        self.runID = runID
    }

    func recorded(_ entry: ManifestEntry) { add([.target(entry)]) }

    func recordFindings(_ findings: [Finding]) {
        guard !findings.isEmpty else { return }
        add(findings.map(Row.finding))
    }

    private func add(_ rows: [Row]) {
        let batch: [Row]? = state.withLock { state in
            state.pending += rows
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
                self.state.withLock { $0.rows += batch.count }
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
        let targets = try db.cachedStatement(
            sql: """
                INSERT INTO target (run, path, member, kind, status, reason, detail, bytes, findings, encoding,
                    size, modified, device, inode, owner, contentHash, unchangedSince)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let findings = try db.cachedStatement(
            sql: """
                INSERT INTO finding (run, path, member, lineNumber, columnNumber, detector, confidence, score, masked,
                    fingerprint, location, encoding, allowMark)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for row in batch {
            switch row {
            case .target(let entry):
                let stamp = entry.stamp
                try targets.execute(arguments: [
                    runID, entry.path, entry.member, entry.kind, entry.status.rawValue, entry.reason?.rawValue,
                    entry.detail, entry.bytes, entry.findings, entry.encoding, stamp?.size, stamp?.modified,
                    stamp.map { Int64(bitPattern: $0.device) }, stamp.map { Int64(bitPattern: $0.inode) },
                    stamp.map { Int64($0.owner) }, stamp?.contentHash, entry.unchangedSince,
                ])
            case .finding(let finding):
                try findings.execute(arguments: [
                    runID, finding.path, finding.member, finding.line, finding.column, finding.detector,
                    finding.confidence.name, finding.confidence.score, finding.masked,
                    FingerprintBlob.data(finding.fingerprint), finding.location, finding.encoding,
                    Int(finding.allowMark.rawValue),
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

    static func fingerprint(_ data: Data) -> Fingerprint? {
        guard data.count == 32 else { return nil }
        var bytes = SIMD32<UInt8>()
        for (index, byte) in data.enumerated() { bytes[index] = byte }
        return Fingerprint(bytes: bytes)
    }
}
