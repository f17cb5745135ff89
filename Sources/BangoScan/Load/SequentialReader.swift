#if canImport(Glibc)
    import Glibc
#endif

/// Reads a loaded target's bytes from a starting offset to the end, whatever holds
/// them: the path of every target that is read front to back (decoded text, streams).
struct SequentialReader {
    private let bytes: LoadedTarget.Bytes
    private let head: [UInt8]
    /// Bytes delivered so far, counted from the start of the target.
    private(set) var offset: Int

    init(_ loaded: LoadedTarget, from offset: Int) {
        bytes = loaded.bytes
        head = loaded.head
        self.offset = offset
    }

    /// Fills as much of `buffer` as the next read gives (short only at the end, or for a
    /// stream, whenever the writer paused); 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int {
        // SAFETY: every copy below writes at most buffer.count bytes, and reads source[start..<start + count] with
        // start + count ≤ the source's count (count is clamped to what is left).
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        let count: Int
        switch bytes {
        case .file(let file):
            // SAFETY: pread writes at most `buffer.count` bytes into the caller's buffer.
            let read = pread(file.fd, base, buffer.count, off_t(offset))
            if read < 0 {
                if errno == EINTR { return try self.read(into: buffer) }
                throw ReadFailure(code: errno)
            }
            count = read
        case .memory(let memory):
            count = max(0, min(buffer.count, memory.count - offset))
            if count > 0 {
                let start = offset
                // SAFETY: count is clamped to what is left of the memory and to buffer.count.
                memory.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<(start + count)]))
                }
            }
        case .stream(let stream):
            if offset < head.count {
                // The head was read from the stream already: hand it out first.
                count = min(buffer.count, head.count - offset)
                let start = offset
                // SAFETY: count is clamped to what is left of the head and to buffer.count.
                head.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<(start + count)]))
                }
            } else {
                count = try stream.read(into: buffer)
            }
        }
        offset += count
        return count
    }
}
