import BangoCore

/// A UTF-8 text larger than the chunk size, split into chunks that several workers
/// scan at once. Chunks overlap by the engine's context; a match belongs to the chunk
/// it starts in, so one that straddles a boundary is reported exactly once.
final class ChunkedText: Sendable {
    let origin: TargetOrigin
    let bytes: RandomAccessBytes
    let size: Int
    let chunkSize: Int
    let chunkCount: Int
    let table: TableHeader?
    let results: OrderedResults
    /// For a file split between shards, the chunks this shard reports on; the others
    /// are not read.
    let split: SplitLayout?

    init(
        origin: TargetOrigin, bytes: RandomAccessBytes, size: Int, chunkSize: Int, table: TableHeader?,
        labels: FindingLabels, leadingCharacters: Int, pieces: ShardPieces? = nil
    ) {
        self.origin = origin
        self.bytes = bytes
        self.size = size
        self.chunkSize = chunkSize
        let allChunks = (size + chunkSize - 1) / chunkSize
        var totals = ScanTotals(bytes: size)
        if let pieces {
            let owned = (0..<allChunks).map { pieces.ownsChunk($0, chunkSize: chunkSize) }
            // Chunks after the last owned one are not needed, nor waited for.
            chunkCount = (owned.lastIndex(of: true) ?? -1) + 1
            split = SplitLayout(owned: Array(owned.prefix(chunkCount)), chunkSize: chunkSize)
            let ranges = pieces.ranges.map { $0.clamped(to: 0..<size) }.filter { !$0.isEmpty }
            totals.part = FilePart(ranges: ranges, fileSize: size)
            totals.bytes = ranges.reduce(0) { $0 + $1.count }
        } else {
            split = nil
            chunkCount = allChunks
        }
        self.table = table
        results = OrderedResults(
            labels: labels, totals: totals, expectedPieces: chunkCount, leadingCharacters: leadingCharacters,
            split: split)
    }

    /// Whether this shard reports the findings of chunk `index`.
    func owns(_ index: Int) -> Bool { split?.owned[index] ?? true }

    /// The byte range chunk `index` reports on.
    func range(of index: Int) -> Range<Int> {
        (index * chunkSize)..<min(size, (index + 1) * chunkSize)
    }
}
