#if canImport(Glibc)
    import Glibc
#endif

/// Files the scanner writes (reports, manifests, baselines) may describe where personal
/// data is, so they are created readable and writable by the owner only, and appear
/// whole or not at all: they are written to a temporary file beside the target and
/// renamed over it, so that a reader (a CI upload step) never sees half a report.
public final class PrivateFile {
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

    public let path: String
    /// The file written and renamed over `path`; nil when `path` is not a regular file
    /// (`/dev/stdout`, a FIFO), which is written in place: renaming over a device would
    /// replace it.
    private let temporaryPath: String?
    /// The stream into the temporary file.
    public let stream: OutputStream
    private var finished = false

    /// Creates the temporary file (mode 0600) next to `path`.
    public init(creating path: String) throws(WriteError) {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .open(path: path, code: errno) }
            temporaryPath = nil
            stream = OutputStream(fd: fd)
            return
        }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((folder + "." + name + ".bango-XXXXXX").utf8CString)
        // SAFETY: mkstemp rewrites the X's of the NUL-terminated template in place and
        // reads nothing past its NUL; the array outlives the call.
        let fd = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard fd >= 0 else { throw .open(path: path, code: errno) }
        // Not inherited by the helpers bango starts (git, pdftotext).
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        temporaryPath = String(cString: template)
        // mkstemp already made it 0600; say so for readers of this code and for umasks.
        fchmod(fd, 0o600)
        stream = OutputStream(fd: fd)
    }

    deinit {
        if !finished { discard() }
    }

    /// Flushes the file to disk and renames it over `path`.
    public func commit() throws(WriteError) {
        finished = true
        defer { close(stream.fd) }
        if let code = stream.writeError {
            if let temporaryPath { unlink(temporaryPath) }
            throw .write(path: path, code: code)
        }
        guard let temporaryPath else { return }
        guard fsync(stream.fd) == 0 || errno == EINVAL, rename(temporaryPath, path) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw .write(path: path, code: code)
        }
    }

    /// Removes the temporary file: nothing is written to `path`.
    public func discard() {
        finished = true
        close(stream.fd)
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// Creates or replaces `path`, atomically and with mode 0600, holding `bytes`.
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let file = try PrivateFile(creating: path)
        file.stream.write(bytes)
        try file.commit()
    }
}
