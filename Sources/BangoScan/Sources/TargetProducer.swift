/// A source that yields targets as it reads them (the blobs of a git history), run on
/// one worker while the others scan what it has yielded.
public protocol TargetProducer: Sendable {
    /// Calls `yield` for every target, in order; `record` notes what could not be read
    /// (with the manifest's kinds and reasons).
    func produce(yield: (ScanTarget) -> Void, record: (TargetOutcome, TargetOrigin) -> Void)
}

/// What a run scans: paths, standard input, or targets a producer yields.
public enum ScanSource: Sendable {
    /// A file, folder or FIFO named on the command line.
    case path(TargetPath)
    /// Standard input, reported under `name` (`<stdin>` unless told otherwise).
    case standardInput(name: TargetPath)
    case producer(any TargetProducer)
}
