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
