import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private file holding bytes for a reader that wants a path (ZIPFoundation's file
/// reader, pdftotext): created by mkstemp (mode 0600), in /dev/shm when there is one so
/// it stays in memory, and removed by ``remove()``, which callers run as soon as the
/// reader has opened it or is done.
struct PrivateCopy {
    let path: String

    /// Nil when no such file could be made or written in full.
    init?(_ bytes: [UInt8], prefix: String) {
        let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NSTemporaryDirectory()
        var template = Array((folder + "/\(prefix)-XXXXXX").utf8CString)
        // SAFETY: mkstemp rewrites the XXXXXX of the NUL-terminated template in place, inside the array, which lives
        // for the call.
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { return nil }
        path = String(cString: template.map { UInt8(bitPattern: $0) })
        var written = 0
        while written < bytes.count {
            // SAFETY: writes the `raw.count - written` bytes left, from inside `raw`.
            let count = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return write(fd, base + written, raw.count - written)
            }
            if count <= 0 { break }
            written += count
        }
        close(fd)
        guard written == bytes.count else {
            unlink(path)
            return nil
        }
    }

    func remove() { unlink(path) }
}
