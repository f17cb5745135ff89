import BangoCore

/// What an earlier run knew about files, asked before a file is read: the audit store
/// answers it, so that a rescan reads only what changed (as Purview's scanner does).
public protocol PriorScan: Sendable {
    /// The run and findings count of the file at `path` when `stamp` says it is
    /// unchanged since a run whose findings can be carried over; nil when it must be
    /// read. A file answered for is not read; its findings come from ``replay(_:)``.
    func unchanged(_ path: String, stamp: FileStamp) -> (run: Int, findings: Int)?

    /// Hands over part `part` (of `parts`, each on a worker of its own) of the findings of
    /// the files ``unchanged(_:stamp:)`` answered for, each file's in one batch, and (in
    /// part 0) the manifest entries of their members and skips, as the run that read
    /// them recorded them. Called once per part, after the workers are done.
    func replay(part: Int, of parts: Int, emit: ([Finding]) -> Void, record: (ManifestEntry) -> Void)
}
