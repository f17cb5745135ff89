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

    init(
        origin: TargetOrigin, bytes: RandomAccessBytes, size: Int, chunkSize: Int, table: TableHeader?,
        labels: FindingLabels, leadingCharacters: Int
    ) {
        self.origin = origin
        self.bytes = bytes
        self.size = size
        self.chunkSize = chunkSize
        chunkCount = (size + chunkSize - 1) / chunkSize
        self.table = table
        results = OrderedResults(
            labels: labels, totals: ScanTotals(bytes: size), expectedPieces: chunkCount,
            leadingCharacters: leadingCharacters)
    }

    /// The byte range chunk `index` reports on.
    func range(of index: Int) -> Range<Int> {
        (index * chunkSize)..<min(size, (index + 1) * chunkSize)
    }
}
