#if canImport(Glibc)
    import Glibc
#endif

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
