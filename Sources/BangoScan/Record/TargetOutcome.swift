import BangoCore

#if canImport(Glibc)
    import Glibc
#endif

/// Why a target (or member) was not scanned, or not scanned in full: what the
/// manifest's entry for it will say.
public enum TargetOutcome: Error, Sendable, Equatable {
    case skipped(kind: String, reason: TargetReason, detail: String?)
    case failed(kind: String, reason: TargetReason, detail: String?)

    /// A system call refused the target: the reason its errno implies.
    public static func failure(kind: String, errno code: Int32) -> TargetOutcome {
        let reason: TargetReason =
            switch code {
            case ENOENT, ENOTDIR: .notFound
            case ELOOP: .symlinkLoop
            default: .unreadable
            }
        return .failed(kind: kind, reason: reason, detail: errnoDescription(code))
    }

    /// A FIFO, device, socket or other file that is never opened for reading.
    static func special(mode: mode_t) -> TargetOutcome {
        let (kind, reason) = classify(mode)
        return .skipped(kind: kind, reason: reason, detail: nil)
    }

    static func classify(_ mode: mode_t) -> (kind: String, reason: TargetReason) {
        switch mode & S_IFMT {
        case S_IFIFO: ("fifo", .fifo)
        case S_IFCHR, S_IFBLK: ("device", .device)
        case S_IFSOCK: ("socket", .socket)
        case S_IFLNK: ("symlink", .symlink)
        default: ("other", .otherType)
        }
    }
}
