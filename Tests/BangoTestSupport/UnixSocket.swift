import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A Unix socket file in a folder, for tests of what walking does with special files.
public enum UnixSocket {
    /// Binds a socket at `path` and closes it: the socket file stays behind. False when
    /// it could not be made (the path is too long for `sun_path`, say).
    @discardableResult
    public static func bind(at path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        // SAFETY: sun_path is a fixed array inside `address`; the guard keeps the path one byte short of its end,
        // leaving the terminating zero.
        let fits = withUnsafeMutableBytes(of: &address.sun_path) { raw -> Bool in
            guard bytes.count < raw.count else { return false }
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
            return true
        }
        guard fits else { return false }
        // SAFETY: a sockaddr_un is read as the sockaddr bind expects, for the length of the structure, in this call.
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return bound == 0
    }
}
