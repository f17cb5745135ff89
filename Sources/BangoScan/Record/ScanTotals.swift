import BangoCore

/// What scanning one text found out about it as a whole, for its manifest entry.
struct ScanTotals {
    /// Bytes of the target as stored (before decoding).
    var bytes: Int
    var findings = 0
    var encoding: TextEncoding = .utf8
    /// Invalid byte sequences decoding replaced with U+FFFD.
    var invalidSequences = 0
    /// errno of a read that failed, if one did.
    var readError: Int32?
    /// The file ended before its size said (it shrank while being read).
    var truncated = false
    var limitEvents: [MatchLimitEvent] = []
    /// For a file split between shards, what this shard scanned of it.
    var part: FilePart?
    /// The file's size when its last chunk was done, when it had grown since it was opened
    /// (a log still written to): what was added is not scanned.
    var grewTo: Int?

    /// Folds in what one more piece of the same text found.
    mutating func add(
        truncated pieceTruncated: Bool, readError pieceError: Int32?, limitEvents events: [MatchLimitEvent]
    ) {
        truncated = truncated || pieceTruncated
        readError = readError ?? pieceError
        limitEvents += events
    }
}
