/// What a shard's manifest says about the sweep it is part of, so that `bango merge` can
/// tell a complete set of shards from a gap, a duplicate or a shard of another sweep:
/// which shard, the roots, the catalogue and options (equal in every shard of one sweep)
/// and the files the shard wrote.
public struct SweepShard: Codable, Sendable, Equatable {
    /// One file a shard wrote besides its manifest.
    public struct Output: Codable, Sendable, Equatable {
        /// The file's name (no folder: shards may write anywhere, merge finds them by name).
        public var file: String
        /// `jsonl`, `sarif` or `store`.
        public var format: String
        /// The size the shard wrote: a shorter or longer file is not this shard's output.
        public var bytes: Int?
        /// The findings it holds.
        public var findings: Int?

        public init(file: String, format: String, bytes: Int? = nil, findings: Int? = nil) {
            self.file = file
            self.format = format
            self.bytes = bytes
            self.findings = findings
        }
    }

    public var index: Int
    public var count: Int
    public var pieceSize: Int
    public var roots: [String]
    /// The digest of bango's version, the packs, the detectors, the key and the scan
    /// options (the audit store's scan signature).
    public var catalogue: String
    /// The report options that shape the outputs (format, levels, reveal).
    public var options: [String: String]
    public var outputs: [Output]

    public init(
        index: Int, count: Int, pieceSize: Int, roots: [String], catalogue: String, options: [String: String],
        outputs: [Output]
    ) {
        self.index = index
        self.count = count
        self.pieceSize = pieceSize
        self.roots = roots
        self.catalogue = catalogue
        self.options = options
        self.outputs = outputs
    }

    /// `shard-3-of-7`: what a shard's output files are named with.
    public static func fileTag(index: Int, count: Int) -> String { "shard-\(index)-of-\(count)" }

    enum CodingKeys: String, CodingKey {
        case index = "shard"
        case count = "of"
        case pieceSize = "piece_size"
        case roots, catalogue, options, outputs
    }
}
