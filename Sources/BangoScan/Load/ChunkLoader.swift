#if canImport(Glibc)
    import Glibc
#endif

/// One worker's loader: reads into a buffer it reuses, or maps, one view at a time.
/// Not thread-safe; each worker owns one.
final class ChunkLoader {
    let policy: LoadPolicy
    private var buffer: UnsafeMutableRawBufferPointer
    private let guardSlot: Int?

    init(policy: LoadPolicy) {
        self.policy = policy
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 64)
        guardSlot = MappingGuard.claimSlot()
    }

    deinit {
        buffer.deallocate()
        if let guardSlot { MappingGuard.releaseSlot(guardSlot) }
    }

    /// How a view was obtained, and whether the file turned out shorter than expected.
    struct ViewInfo {
        var mapped: Bool
        var truncated: Bool
    }

    enum LoadError: Error {
        case read(Int32)
    }

    /// Calls `body` with the bytes `range` of `bytes`: a view into memory, or of a file
    /// as ``withView(fd:range:_:)`` loads it.
    func withView<R>(
        of bytes: RandomAccessBytes, range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> R
    ) throws(LoadError) -> (R, ViewInfo) {
        switch bytes {
        case .file(let file):
            return try withView(fd: file.fd, range: range, body)
        case .memory(let memory):
            let available = range.clamped(to: 0..<memory.count)
            // SAFETY: `available` is clamped to the memory's own bounds, and the view lives only while `body` runs.
            let result = memory.withUnsafeBytes { raw in body(UnsafeRawBufferPointer(rebasing: raw[available])) }
            return (result, ViewInfo(mapped: false, truncated: available.count < range.count))
        }
    }

    /// Calls `body` with the bytes `range` of the open file `fd`.
    ///
    /// If the file shrank, the view is shorter than `range` (read path) or its tail is
    /// zeros (map path); either way `truncated` is set and nothing crashes.
    func withView<R>(
        fd: Int32, range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> R
    ) throws(LoadError) -> (R, ViewInfo) {
        if range.count >= policy.mmapThreshold, !policy.simulateMapFailure, let slot = guardSlot,
            let result = withMapping(fd: fd, range: range, slot: slot, body)
        {
            return result
        }
        return try withRead(fd: fd, range: range, body)
    }

    private func withMapping<R>(
        fd: Int32, range: Range<Int>, slot: Int, _ body: (UnsafeRawBufferPointer) -> R
    ) -> (R, ViewInfo)? {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let alignedStart = range.lowerBound & ~(page - 1)
        let lead = range.lowerBound - alignedStart
        let length = lead + range.count
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, off_t(alignedStart)),
            address != MAP_FAILED
        else { return nil }
        madvise(address, length, MADV_SEQUENTIAL)
        MappingGuard.truncated(slot).store(0, ordering: .relaxed)
        MappingGuard.length(slot).store(length, ordering: .relaxed)
        MappingGuard.base(slot).store(Int(bitPattern: address), ordering: .releasing)
        // SAFETY: the mapping covers `length` bytes from `address`; if the file shrinks
        // underneath, MappingGuard swaps in zero pages instead of letting SIGBUS kill us.
        // The view does not outlive this call: it is unmapped right after `body`.
        let view = UnsafeRawBufferPointer(start: address + lead, count: range.count)
        policy.afterLoadHook?(fd)
        let result = body(view)
        MappingGuard.base(slot).store(0, ordering: .releasing)
        let truncated = MappingGuard.truncated(slot).load(ordering: .acquiring) != 0
        munmap(address, length)
        return (result, ViewInfo(mapped: true, truncated: truncated))
    }

    private func withRead<R>(
        fd: Int32, range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> R
    ) throws(LoadError) -> (R, ViewInfo) {
        if buffer.count < range.count {
            buffer.deallocate()
            buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: range.count, alignment: 64)
        }
        // SAFETY: we read at most `range.count - filled` bytes into the buffer at
        // `filled`, which has room for `range.count` bytes.
        guard let base = buffer.baseAddress else { throw .read(ENOMEM) }
        var filled = 0
        while filled < range.count {
            let count = pread(fd, base + filled, range.count - filled, off_t(range.lowerBound + filled))
            if count < 0 {
                if errno == EINTR { continue }
                throw .read(errno)
            }
            if count == 0 { break }  // end of file: it shrank since we looked
            filled += count
        }
        // SAFETY: `filled` bytes of the buffer were written by pread; the view is lent to `body` only while the buffer
        // is alive.
        let view = UnsafeRawBufferPointer(start: buffer.baseAddress, count: filled)
        policy.afterLoadHook?(fd)
        return (body(view), ViewInfo(mapped: false, truncated: filled < range.count))
    }
}
