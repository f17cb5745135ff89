import BangoCore
import Crypto

#if canImport(Glibc)
    import Glibc
#endif

/// Takes a file's ``FileStamp`` (a `stat`, and a SHA-256 of the content when asked) before
/// the file is read, so that a change made while it is scanned shows in the next run.
struct FileStamper {
    let hashesContent: Bool
    /// The block the content hash reads in.
    private static let blockSize = 1 << 20

    /// The stamp of the regular file at `path`, or nil when it cannot be taken (the
    /// loader then meets the same problem and records it). `status` is the file's `stat`
    /// when the caller has taken it already (a shard, to learn the size).
    func stamp(_ path: TargetPath, status: stat? = nil) -> FileStamp? {
        var info = status ?? stat()
        if status == nil, path.withCString({ stat($0, &info) }) != 0 { return nil }
        guard info.st_mode & S_IFMT == S_IFREG else { return nil }
        var stamp = FileStamp(
            size: Int(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), owner: UInt32(info.st_uid))
        if hashesContent {
            guard let hash = Self.contentHash(path) else { return nil }
            stamp.contentHash = hash
        }
        return stamp
    }

    /// SHA-256 of the file's bytes in hex; nil when it cannot be read to its end.
    static func contentHash(_ path: TargetPath) -> String? {
        let fd = path.withCString { Glibc.open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: blockSize)
        while true {
            let count = read(fd, &buffer, blockSize)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            // SAFETY: the view covers the first `count` bytes `read` filled and lives only for this call.
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
        }
        return Hex.encode(hasher.finalize())
    }
}
