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

    /// Whether a target skipped for this reason may hold content nothing scanned: a
    /// member past an archive limit, an encrypted one. Such skips fail a gate
    /// (`--fail-on-skip`); a file the user excluded, a binary one or a repaired decoding
    /// does not.
    public var hidesContent: Bool { self == .archiveLimit || self == .encrypted }

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

    /// Whether the target's bytes could not all be read (the file is then failed whole).
    public var isReadFailure: Bool { self == .readError || self == .truncatedDuringScan }
}
