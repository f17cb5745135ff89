import BangoCore

/// What an earlier run knew about files, asked before a file is read: the audit store
/// answers it, so that a rescan reads only what changed (as Purview's scanner does).
public protocol PriorScan: Sendable {
    /// The earlier record of the file at `path` when `stamp` says it is unchanged since a
    /// run whose findings can be carried over; nil when it must be read. A file answered
    /// for is not read; its findings come from ``replay(_:emit:)``.
    func unchanged(_ path: String, stamp: FileStamp) -> PriorFile?

    /// Hands over the findings of `files` (answered for by ``unchanged(_:stamp:)``),
    /// each file's in one batch. Workers call it with a few hundred files at a time, so
    /// reading findings back overlaps the walk.
    func replay(_ files: [PriorFile], emit: ([Finding]) -> Void)

    /// Hands over the manifest entries of the members and skips of every file answered
    /// for, as the run that read them recorded them. Called once, after the workers.
    func replayEntries(_ record: (ManifestEntry) -> Void)
}

/// A file an earlier run read, as ``PriorScan`` answers for it.
public struct PriorFile: Sendable {
    /// The run that read it.
    public var run: Int
    /// How many findings it holds.
    public var findings: Int
    /// The store's handle on its findings.
    public var token: Int64

    public init(run: Int, findings: Int, token: Int64) {
        self.run = run
        self.findings = findings
        self.token = token
    }
}
