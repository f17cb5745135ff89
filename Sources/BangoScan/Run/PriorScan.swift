import BangoCore

/// What an earlier run knew about files, asked before a file is read: the audit store
/// answers it, so that a rescan reads only what changed (as Purview's scanner does).
public protocol PriorScan: Sendable {
    /// The run and findings count of the file at `path` when `stamp` says it is
    /// unchanged since a run whose findings can be carried over; nil when it must be
    /// read. A file answered for is not read; its findings come from ``replay(_:)``.
    func unchanged(_ path: String, stamp: FileStamp) -> (run: Int, findings: Int)?

    /// Hands over the findings of every file ``unchanged(_:stamp:)`` answered for,
    /// each file's in one batch. Called once, after the workers are done.
    func replay(_ emit: ([Finding]) -> Void)
}
