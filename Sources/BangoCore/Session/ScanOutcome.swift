/// The result of scanning one report range of a buffer.
public struct ScanOutcome: Sendable {
    public var detections: [Detection] = []
    /// Newlines in the report range.
    public var newlines = 0
    /// Characters after the last newline in the report range (all of them if none).
    public var charactersAfterLastNewline = 0
    public var limitEvents: [MatchLimitEvent] = []

    public init() {}
}

extension ScanOutcome {
    /// The line bookkeeping of a range scanned by another shard: its newlines and the
    /// characters after the last one, so that the lines and columns of what follows
    /// come out as in a scan of the whole text. No detections.
    public static func positions(of buffer: UnsafeRawBufferPointer, in range: Range<Int>) -> ScanOutcome {
        var outcome = ScanOutcome()
        outcome.newlines = NewlineCounter.count(buffer, in: range)
        outcome.charactersAfterLastNewline = PositionResolver.charactersAfterLastNewline(buffer, in: range)
        return outcome
    }
}
