/// The chunks of a file split between shards that this shard reports on. Each run of
/// owned chunks is one range: its lines and columns count from the range's start (the
/// chunks before it belong to other shards and are not read), and the range's own
/// newlines and trailing characters are recorded for `bango merge` to make them the
/// file's.
struct SplitLayout: Sendable {
    /// One flag per chunk, up to the last owned one.
    let owned: [Bool]
    let chunkSize: Int

    /// Whether chunk `index` is the first of a run of owned chunks.
    func startsRange(_ index: Int) -> Bool { owned[index] && (index == 0 || !owned[index - 1]) }
}
