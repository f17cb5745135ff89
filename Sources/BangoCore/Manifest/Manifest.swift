/// The account of every target a run met: scanned, skipped with a reason, or failed.
/// Nothing is dropped silently. Thread-safe: workers record into it concurrently.
public final class Manifest: Sendable {
    private struct State {
        var entries: [ManifestEntry] = []
        var scannedFiles = 0
        var scannedBytes = 0
        var findingCount = 0
        var unchangedFiles = 0
        var unchangedBytes = 0
        var counts: [TargetReason: (skipped: Int, failed: Int)] = [:]
    }

    private let state = Locked(State())
    /// Whether every entry is kept (for `--manifest`), or only skips and failures.
    public let keepsScannedEntries: Bool
    /// Told of every entry, kept or not (the audit store).
    private let observer: (any ManifestObserver)?

    public init(keepsScannedEntries: Bool = false, observer: (any ManifestObserver)? = nil) {
        self.keepsScannedEntries = keepsScannedEntries
        self.observer = observer
    }

    /// A scanned target: it adds to the totals. `encoding` names what it was decoded
    /// from when that was not UTF-8; `detail` notes what decoding had to repair.
    public func recordScanned(
        path: String, bytes: Int, findings: Int, encoding: String? = nil, detail: String? = nil,
        stamp: FileStamp? = nil, part: FilePart? = nil
    ) {
        let entry = ManifestEntry(
            path: path, kind: "file", status: .scanned, detail: detail, bytes: bytes, findings: findings,
            encoding: encoding, stamp: stamp, part: part)
        state.withLock { state in
            state.scannedFiles += 1
            state.scannedBytes += bytes
            state.findingCount += findings
            if keepsScannedEntries { state.entries.append(entry) }
        }
        observer?.recorded(entry)
    }

    /// A file unchanged since run `run`, whose findings that run's record carries over:
    /// it counts as scanned, and as not read. The observer is not told: the store that
    /// said the file was unchanged records it itself, in one statement for all such files.
    public func recordUnchanged(path: String, findings: Int, stamp: FileStamp, since run: Int) {
        let entry =
            keepsScannedEntries
            ? ManifestEntry(
                path: path, kind: "file", status: .scanned, detail: "unchanged since run \(run): not read",
                bytes: stamp.size, findings: findings, stamp: stamp) : nil
        state.withLock { state in
            state.scannedFiles += 1
            state.scannedBytes += stamp.size
            state.findingCount += findings
            state.unchangedFiles += 1
            state.unchangedBytes += stamp.size
            if let entry { state.entries.append(entry) }
        }
    }

    /// A scanned member of an archive or document. Members do not add to the totals
    /// (their container is the scanned target) but get an entry when entries are kept.
    public func recordScannedMember(
        path: String, member: String, bytes: Int, findings: Int, encoding: String? = nil, detail: String? = nil
    ) {
        guard keepsScannedEntries || observer != nil else { return }
        let entry = ManifestEntry(
            path: path, kind: "member", status: .scanned, detail: detail, bytes: bytes, findings: findings,
            encoding: encoding, member: member)
        if keepsScannedEntries { state.withLock { $0.entries.append(entry) } }
        observer?.recorded(entry)
    }

    /// A target (or member) skipped or failed, with the reason.
    public func record(
        path: String, kind: String, status: TargetStatus, reason: TargetReason, detail: String? = nil,
        member: String? = nil
    ) {
        let entry = ManifestEntry(
            path: path, kind: kind, status: status, reason: reason, detail: detail, member: member)
        state.withLock { state in
            state.entries.append(entry)
            var count = state.counts[reason] ?? (0, 0)
            if status == .failed { count.failed += 1 } else { count.skipped += 1 }
            state.counts[reason] = count
        }
        observer?.recorded(entry)
    }

    /// An entry an earlier run recorded for a member or a skip of a file unchanged since:
    /// recorded again, as the run that read the file did.
    public func replay(_ entry: ManifestEntry) {
        if let reason = entry.reason, entry.status != .scanned {
            record(
                path: entry.path, kind: entry.kind, status: entry.status, reason: reason, detail: entry.detail,
                member: entry.member)
        } else if let member = entry.member {
            recordScannedMember(
                path: entry.path, member: member, bytes: entry.bytes ?? 0, findings: entry.findings ?? 0,
                encoding: entry.encoding, detail: entry.detail)
        }
    }

    /// A snapshot of the totals.
    public var summary: ManifestSummary {
        state.withLock { state in
            ManifestSummary(
                scannedFiles: state.scannedFiles, scannedBytes: state.scannedBytes, findings: state.findingCount,
                skipped: state.counts.compactMapValues { $0.skipped > 0 ? $0.skipped : nil },
                failed: state.counts.compactMapValues { $0.failed > 0 ? $0.failed : nil },
                unchangedFiles: state.unchangedFiles, unchangedBytes: state.unchangedBytes)
        }
    }

    /// Entries sorted by path (skips and failures, plus scanned targets when kept).
    public var sortedEntries: [ManifestEntry] {
        state.withLock { state in
            state.entries.sorted(by: ManifestEntry.isOrderedBefore)
        }
    }
}
