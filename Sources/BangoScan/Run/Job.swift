import BangoCore

/// Work for the pool.
enum Job: Sendable {
    /// A folder to list.
    case directory(DirectoryJob)
    /// A target to open and scan.
    case target(ScanTarget)
    /// One chunk of a large UTF-8 text.
    case chunk(ChunkedText, index: Int)
    /// One decoded block of a text read front to back, with the text's table header.
    case block(BlockedText, TextBlock, table: TableHeader?)
    /// A source that yields targets as it goes (git history).
    case produce(any TargetProducer)
}
