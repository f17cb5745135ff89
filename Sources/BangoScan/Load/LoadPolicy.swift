/// How files are brought into memory. The choice between `mmap` and `read` is made here
/// and nowhere else.
public struct LoadPolicy: Sendable, Equatable {
    /// Views of at least this many bytes are memory-mapped; smaller ones are read into a
    /// reusable buffer. `Int.max` disables mapping. The default comes from the loader
    /// benchmark (see README, "Performance").
    public var mmapThreshold: Int
    /// Files larger than this are split into chunks of this size, scanned in parallel.
    /// A chunk's findings are held until the chunks before it are out, so the size bounds
    /// memory on dense exports: 1 MiB keeps a CSV with a number on every row under 80 MB
    /// where 8 MiB took 280 MB, and costs nothing on sparse text (docs/PERFORMANCE.md).
    public var chunkSize: Int

    public static let `default` = LoadPolicy(mmapThreshold: 1 << 20, chunkSize: 1 << 20)

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
