#if canImport(Glibc)
    import Glibc
#endif

/// An open file descriptor, closed when the last holder lets go: a large file's chunks
/// are read by several workers, and the descriptor must outlive every one of them.
final class OpenFile: Sendable {
    let fd: Int32

    init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// The file's size now (it may differ from the size it had when opened); nil when
    /// `fstat` fails.
    var currentSize: Int? {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int(info.st_size) : nil
    }
}
