#if canImport(Glibc)
    import Glibc
#endif

/// Reads a stream front to back (standard input: a pipe, a file or a terminal). It
/// does not own the descriptor.
final class StreamReader {
    let fd: Int32
    /// Set once `read` returned 0.
    private(set) var reachedEnd = false

    init(fd: Int32) { self.fd = fd }

    /// Reads up to `buffer.count` bytes, retrying on EINTR; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int {
        // SAFETY: reads at most `buffer.count` bytes into the caller's buffer.
        guard let base = buffer.baseAddress, !buffer.isEmpty, !reachedEnd else { return 0 }
        while true {
            let count = Glibc.read(fd, base, buffer.count)
            if count > 0 { return count }
            if count == 0 {
                reachedEnd = true
                return 0
            }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK {
                // A non-blocking descriptor inherited from the shell: wait until it has data.
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&poller, 1, -1)
                continue
            }
            throw ReadFailure(code: errno)
        }
    }
}
