/// One thing to scan, as a source yields it: where it sits and how to get its bytes.
///
/// Every target goes through the same stages whatever its source: the loader hands out
/// its bytes, the classifier decides between container, binary and text, containers
/// yield more targets, and text is decoded, matched and reported.
public struct ScanTarget: Sendable {
    /// How the loader gets the bytes.
    public enum Content: Sendable {
        /// A file on disk, opened and read (or mapped) by the loader.
        case file(TargetPath)
        /// Bytes already in memory: an archive member, a git blob.
        case bytes([UInt8])
        /// Standard input, read once from start to end.
        case standardInput
    }

    public var origin: TargetOrigin
    public var content: Content
    /// When set, only findings on these 1-based lines are reported (the lines a git
    /// change added); the whole text is still scanned, so keywords and column headers
    /// on unchanged lines still count.
    public var reportedLines: LineSet?
    /// For a file split between shards, the pieces this shard owns (nil: all of it).
    public var pieces: ShardPieces?

    public init(origin: TargetOrigin, content: Content, reportedLines: LineSet? = nil) {
        self.origin = origin
        self.content = content
        self.reportedLines = reportedLines
    }

    /// A file on disk, reported under its own path.
    public static func file(_ path: TargetPath) -> ScanTarget {
        ScanTarget(origin: TargetOrigin(path: path), content: .file(path))
    }
}
