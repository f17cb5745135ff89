/// One reported finding, as every reporter sees it. Values are already masked; the raw
/// value is present only when the user asked for `--reveal`.
public struct Finding: Sendable, Equatable {
    /// The path as reached from the command-line argument, escaped losslessly when it
    /// is not valid UTF-8 (see ``PathText``).
    public var path: String
    /// The member inside an archive or document; nested members joined by `!/`.
    public var member: String?
    /// 1-based line in the decoded text.
    public var line: Int
    /// 1-based column, in characters of the decoded text.
    public var column: Int
    public var detector: String
    public var confidence: Confidence
    /// At most the last four characters of the normalised value (`********9018`).
    public var masked: String
    /// HMAC-SHA256 of detector and normalised value (printed as 64 hex digits).
    public var fingerprint: Fingerprint
    /// A place inside a document (`Sheet1!C12`, `page 3`), when there is one.
    public var location: String?
    /// The text encoding the finding was decoded from (`utf-8`, `shift_jis`, …).
    public var encoding: String?
    /// The raw matched text; nil unless values are revealed.
    public var revealedValue: String?
    /// The commit a git blob was read from, and its author date (ISO 8601).
    public var commit: String?
    public var authorDate: String?
    /// Whether a `bango:allow` mark covers it; the reporter drops honoured ones.
    public var allowMark: AllowMark
    /// In a shard's report of a file split between shards: the byte offset of the piece
    /// the line and column count from (line 1 is the line the piece starts in). Only
    /// `bango merge`, which knows the lines of every piece, can make them the file's.
    public var pieceOffset: Int?

    // Inlinable: called across modules for every finding, it otherwise built the
    // value and copied it, retaining and releasing each string once more.
    @inlinable
    public init(
        path: String, member: String? = nil, line: Int, column: Int, detector: String,
        confidence: Confidence, masked: String, fingerprint: Fingerprint, location: String? = nil,
        encoding: String? = nil, revealedValue: String? = nil, commit: String? = nil, authorDate: String? = nil,
        allowMark: AllowMark = .none, pieceOffset: Int? = nil
    ) {
        self.path = path
        self.member = member
        self.line = line
        self.column = column
        self.detector = detector
        self.confidence = confidence
        self.masked = masked
        self.fingerprint = fingerprint
        self.location = location
        self.encoding = encoding
        self.revealedValue = revealedValue
        self.commit = commit
        self.authorDate = authorDate
        self.allowMark = allowMark
        self.pieceOffset = pieceOffset
    }
}
