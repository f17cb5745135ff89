#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file a line at a time through one buffer, so that merging shard outputs holds
/// a line per shard in memory, not a file.
final class LineReader {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    static let blockSize = 1 << 20

    init(path: String) throws(MergeError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close(fd) }

    /// The next line without its newline; nil at the end.
    func next() throws(MergeError) -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                defer { start = newline + 1 }
                return buffer[start..<newline]
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return buffer[start...]
            }
            try fill()
        }
    }

    /// Moves the unread rest to the front and appends one block.
    private func fill() throws(MergeError) {
        buffer.removeSubrange(0..<start)
        start = 0
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.blockSize))
        // SAFETY: read writes at most blockSize bytes into the tail just appended.
        let count = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + old, Self.blockSize) }
        guard count >= 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        buffer.removeLast(Self.blockSize - count)
        if count == 0 { atEnd = true }
    }
}
