#if canImport(Glibc)
import Glibc
#endif

/// How files are brought into memory. The choice between `mmap` and `read` is made here
/// and nowhere else.
public struct LoadPolicy: Sendable, Equatable {
    /// Views of at least this many bytes are memory-mapped; smaller ones are read into a
    /// reusable buffer. `Int.max` disables mapping. The default comes from the loader
    /// benchmark (see README, "Performance").
    public var mmapThreshold: Int
    /// Files larger than this are split into chunks of this size, scanned in parallel.
    public var chunkSize: Int

    public static let `default` = LoadPolicy(mmapThreshold: 1 << 20, chunkSize: 8 << 20)

    public init(mmapThreshold: Int, chunkSize: Int) {
        self.mmapThreshold = mmapThreshold
        self.chunkSize = max(4096, chunkSize)
    }

    /// For tests: pretend every `mmap` fails, to exercise the read fallback.
    var simulateMapFailure = false
    /// For tests: called with the file descriptor after a view is loaded and before it
    /// is scanned (to truncate a file mid-scan deterministically).
    var afterLoadHook: (@Sendable (Int32) -> Void)?

    public static func == (lhs: LoadPolicy, rhs: LoadPolicy) -> Bool {
        lhs.mmapThreshold == rhs.mmapThreshold && lhs.chunkSize == rhs.chunkSize
            && lhs.simulateMapFailure == rhs.simulateMapFailure
    }
}

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
        guard let base = buffer.baseAddress else { throw .read(ENOMEM) }
        var filled = 0
        while filled < range.count {
            // SAFETY: we read at most `range.count - filled` bytes into the buffer at
            // `filled`, which has room for `range.count` bytes.
            let count = pread(fd, base + filled, range.count - filled, off_t(range.lowerBound + filled))
            if count < 0 {
                if errno == EINTR { continue }
                throw .read(errno)
            }
            if count == 0 { break }  // end of file: it shrank since we looked
            filled += count
        }
        let view = UnsafeRawBufferPointer(start: buffer.baseAddress, count: filled)
        policy.afterLoadHook?(fd)
        return (body(view), ViewInfo(mapped: false, truncated: filled < range.count))
    }
}
