import BangoCore

#if canImport(Glibc)
    import Glibc
#endif

/// Writes bytes to a file descriptor, in whole blocks, and knows when the reader went
/// away: `bango scan | head` must end quietly, not with an error or a signal.
/// Thread-safe: each write is whole, never interleaved with another thread's.
public final class OutputStream: Sendable {
    private struct Status {
        var isClosed = false
        var writeError: Int32?
    }

    public let fd: Int32
    private let status = Locked(Status())

    public init(fd: Int32) { self.fd = fd }

    /// Set once a write failed because the reader closed the pipe.
    public var isClosed: Bool { status.withLock { $0.isClosed } }
    /// The first other write error, if any (disk full, …).
    public var writeError: Int32? { status.withLock { $0.writeError } }

    /// Ignores SIGPIPE for the process so a closed pipe shows up as EPIPE from `write`.
    public static func ignoreBrokenPipeSignal() { signal(SIGPIPE, SIG_IGN) }

    public func write(_ bytes: [UInt8]) {
        // SAFETY: the view lives only for the write call, over the caller's array.
        bytes.withUnsafeBytes { write($0) }
    }

    /// Writes all of `raw`, unless the reader went away or a write failed.
    public func write(_ raw: UnsafeRawBufferPointer) {
        // SAFETY: `base` is passed to write(2) with at most `raw.count - offset` bytes from `offset`, inside the
        // caller's buffer, which outlives this call.
        guard let base = raw.baseAddress, !raw.isEmpty else { return }
        status.withLock { status in
            guard !status.isClosed, status.writeError == nil else { return }
            var offset = 0
            while offset < raw.count {
                // SAFETY: writes at most the remaining bytes of `raw`, which outlives the call.
                let count = Glibc.write(fd, base + offset, raw.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { status.isClosed = true } else { status.writeError = errno }
                    return
                }
                offset += count
            }
        }
    }

    public func write(_ text: String) { write(Array(text.utf8)) }
}
