/// What a session reports for one match it accepted.
public struct Detection: Sendable, Equatable {
    public var detectorID: String
    /// Byte range of the whole match in the scanned buffer.
    public var byteRange: Range<Int>
    /// Newlines between the start of the report range and the match (0-based line).
    public var lineOffset: Int
    /// 1-based column in characters. Counted from the start of the report range when
    /// `columnIsFromRangeStart` (no newline lies between), so a caller that split a file
    /// into chunks can add the previous chunk's trailing characters.
    public var column: Int
    public var columnIsFromRangeStart: Bool
    public var confidence: Confidence
    public var masked: String
    public var fingerprint: Fingerprint
    /// The raw matched text, present only when the caller asked to reveal values.
    public var revealedValue: String?
    /// A `bango:allow` mark on the match's line names its detector (or all).
    public var allowMarked = false
}
