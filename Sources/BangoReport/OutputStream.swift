#if canImport(Glibc)
import Glibc
#endif

/// Writes bytes to a file descriptor, in whole blocks, and knows when the reader went
/// away: `bango scan | head` must end quietly, not with an error or a signal.
public final class OutputStream {
    public let fd: Int32
    /// Set once a write failed because the reader closed the pipe.
    public private(set) var isClosed = false
    /// The first other write error, if any (disk full, …).
    public private(set) var writeError: Int32?

    public init(fd: Int32) { self.fd = fd }

    /// Ignores SIGPIPE for the process so a closed pipe shows up as EPIPE from `write`.
    public static func ignoreBrokenPipeSignal() { signal(SIGPIPE, SIG_IGN) }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Writes all of `raw`, unless the reader went away or a write failed.
    public func write(_ raw: UnsafeRawBufferPointer) {
        guard !isClosed, writeError == nil, let base = raw.baseAddress, !raw.isEmpty else { return }
        var offset = 0
        while offset < raw.count {
            // SAFETY: writes at most the remaining bytes of `raw`, which outlives the call.
            let count = Glibc.write(fd, base + offset, raw.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { isClosed = true } else { writeError = errno }
                return
            }
            offset += count
        }
    }

    public func write(_ text: String) { write(Array(text.utf8)) }
}

/// Files the scanner writes (manifests, reports) may describe where personal data is,
/// so they are created readable and writable by the owner only.
public enum PrivateFile {
    public enum WriteError: Error, CustomStringConvertible {
        case open(path: String, code: Int32)
        case write(path: String, code: Int32)

        public var description: String {
            switch self {
            case .open(let path, let code): "cannot create \(path): \(String(cString: strerror(code)))"
            case .write(let path, let code): "cannot write \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Creates or replaces `path` with mode 0600 and writes `bytes`.
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .open(path: path, code: errno) }
        defer { close(fd) }
        // An existing file keeps its old mode through O_CREAT; tighten it.
        fchmod(fd, 0o600)
        let stream = OutputStream(fd: fd)
        stream.write(bytes)
        if let code = stream.writeError { throw .write(path: path, code: code) }
        if stream.isClosed { throw .write(path: path, code: EPIPE) }
    }
}
