import Foundation

/// What became of one target the scan met.
public enum TargetStatus: String, Sendable, Codable {
    case scanned
    case skipped
    case failed
}

/// Why a target was skipped or failed. Stable strings: they appear in JSON manifests.
public enum TargetReason: String, Sendable, Codable, CaseIterable {
    case binary = "binary"
    case tooLarge = "too_large"
    case ignored = "ignored"
    case excluded = "excluded"
    case notIncluded = "not_included"
    case vcsDirectory = "vcs_directory"
    case symlink = "symlink_not_followed"
    case symlinkLoop = "symlink_loop"
    case fifo = "fifo"
    case device = "device"
    case socket = "socket"
    case otherType = "unsupported_type"
    case unreadable = "unreadable"
    case notFound = "not_found"
    case truncatedDuringScan = "truncated_during_scan"
    case readError = "read_error"
    case patternLimit = "pattern_limit"
    /// A member past a container limit: nesting depth, total decompressed bytes,
    /// compression ratio, member count or member size.
    case archiveLimit = "archive_limit"
    /// An encrypted archive member or document.
    case encrypted = "encrypted"
    /// A container or document that could not be parsed (the rest of it is scanned).
    case corrupt = "corrupt"
    /// A member kind bango does not read (a symbolic link inside an archive).
    case unsupportedMember = "unsupported_member"

    /// Words for the human summary.
    public var phrase: String {
        switch self {
        case .binary: "binary (NUL bytes)"
        case .tooLarge: "larger than --max-filesize"
        case .ignored: "ignored by .gitignore"
        case .excluded: "excluded by --exclude"
        case .notIncluded: "not matched by --include"
        case .vcsDirectory: "version-control internals"
        case .symlink: "symbolic link (use --follow)"
        case .symlinkLoop: "symbolic link loop"
        case .fifo: "FIFO"
        case .device: "device"
        case .socket: "socket"
        case .otherType: "unsupported file type"
        case .unreadable: "unreadable"
        case .notFound: "not found"
        case .truncatedDuringScan: "truncated while being scanned"
        case .readError: "read error"
        case .patternLimit: "a pattern hit its match limit"
        case .archiveLimit: "past an archive limit"
        case .encrypted: "encrypted"
        case .corrupt: "corrupt or truncated"
        case .unsupportedMember: "unsupported archive member"
        }
    }
}

/// One manifest line: a target and what became of it.
public struct ManifestEntry: Sendable, Codable, Equatable {
    public var path: String
    public var kind: String
    public var status: TargetStatus
    public var reason: TargetReason?
    public var detail: String?
    public var bytes: Int?
    public var findings: Int?
    /// The encoding a scanned file was decoded from, when not UTF-8.
    public var encoding: String?
    /// The member inside an archive or document this entry is about (joined by `!/`).
    public var member: String?
}

/// The account of every target a run met: scanned, skipped with a reason, or failed.
/// Nothing is dropped silently. Thread-safe; workers record into it concurrently.
public final class Manifest: @unchecked Sendable {
    // SAFETY (concurrency): every stored property is read and written under `lock`.
    private let lock = NSLock()
    private var entries: [ManifestEntry] = []
    private var scannedFiles = 0
    private var scannedBytes = 0
    private var findingCount = 0
    private var counts: [TargetReason: (skipped: Int, failed: Int)] = [:]
    /// Whether every entry is kept (for `--manifest`), or only skips and failures.
    private let keepsScannedEntries: Bool

    public init(keepsScannedEntries: Bool = false) { self.keepsScannedEntries = keepsScannedEntries }

    /// A scanned member of an archive or document. Members do not add to the totals
    /// (their container is the scanned file) but get an entry when entries are kept.
    func recordScannedMember(
        _ path: TargetPath, member: String, bytes: Int, findings: Int, encoding: TextEncoding?, detail: String? = nil
    ) {
        guard keepsScannedEntries else { return }
        lock.withLock {
            entries.append(ManifestEntry(
                path: path.description, kind: "member", status: .scanned, detail: detail, bytes: bytes,
                findings: findings, encoding: encoding?.rawValue, member: member))
        }
    }

    /// The `detail` of a scanned file or member whose decoding replaced invalid bytes.
    static func repairNote(invalidSequences: Int) -> String? {
        invalidSequences == 0 ? nil : "\(invalidSequences) invalid byte sequences replaced with U+FFFD"
    }

    /// A scanned file. `encoding` names what it was decoded from when that was not
    /// UTF-8; `detail` notes what decoding had to repair.
    func recordScanned(_ path: TargetPath, bytes: Int, findings: Int, encoding: TextEncoding? = nil, detail: String? = nil) {
        lock.withLock {
            scannedFiles += 1
            scannedBytes += bytes
            findingCount += findings
            if keepsScannedEntries {
                entries.append(ManifestEntry(
                    path: path.description, kind: "file", status: .scanned, detail: detail, bytes: bytes,
                    findings: findings, encoding: encoding?.rawValue))
            }
        }
    }

    func record(
        _ path: TargetPath, kind: String, status: TargetStatus, reason: TargetReason, detail: String? = nil,
        member: String? = nil
    ) {
        lock.withLock {
            entries.append(ManifestEntry(
                path: path.description, kind: kind, status: status, reason: reason, detail: detail, member: member))
            var count = counts[reason] ?? (0, 0)
            if status == .failed { count.failed += 1 } else { count.skipped += 1 }
            counts[reason] = count
        }
    }

    /// Records a target that a system call refused, with the reason its errno implies.
    func recordFailure(_ path: TargetPath, kind: String, errno code: Int32) {
        let reason: TargetReason =
            switch code {
            case ENOENT, ENOTDIR: .notFound
            case ELOOP: .symlinkLoop
            default: .unreadable
            }
        record(path, kind: kind, status: .failed, reason: reason, detail: errnoDescription(code))
    }

    /// A snapshot of the totals.
    public var summary: ManifestSummary {
        lock.withLock {
            ManifestSummary(
                scannedFiles: scannedFiles, scannedBytes: scannedBytes, findings: findingCount,
                skipped: counts.compactMapValues { $0.skipped > 0 ? $0.skipped : nil },
                failed: counts.compactMapValues { $0.failed > 0 ? $0.failed : nil })
        }
    }

    /// Entries sorted by path (skips and failures, plus scanned files when kept).
    public var sortedEntries: [ManifestEntry] {
        lock.withLock {
            entries.sorted { ($0.path, $0.member ?? "", $0.status.rawValue) < ($1.path, $1.member ?? "", $1.status.rawValue) }
        }
    }
}

/// Totals of a run.
public struct ManifestSummary: Sendable, Equatable {
    public var scannedFiles: Int
    public var scannedBytes: Int
    public var findings: Int
    public var skipped: [TargetReason: Int]
    public var failed: [TargetReason: Int]

    public var skippedCount: Int { skipped.values.reduce(0, +) }
    public var failedCount: Int { failed.values.reduce(0, +) }
}
