import BangoCore

/// What every finding of one text carries besides its position: where the text sits,
/// what it was decoded from, and which of its lines are reported at all.
struct FindingLabels: Sendable {
    let path: String
    let member: String?
    let encoding: String
    let commit: CommitStamp?
    /// Only findings on these lines are kept (the lines a git change added).
    let reportedLines: LineSet?
    /// Places inside a document (a sheet's cells, a PDF's pages), when the text is one.
    let document: DocumentLocations?
    /// Whether `bango:allow` marks suppress findings here: in a text file someone edits,
    /// not inside an archive member, a document or a binary file scanned with --binary.
    let honoursAllowMarks: Bool

    init(
        origin: TargetOrigin, encoding: TextEncoding, reportedLines: LineSet? = nil, document: DocumentLocations? = nil,
        isBinary: Bool = false
    ) {
        path = origin.displayPath
        member = origin.memberText
        self.encoding = encoding.rawValue
        commit = origin.commit
        self.reportedLines = reportedLines
        self.document = document
        honoursAllowMarks = member == nil && document == nil && !isBinary
    }

    /// Whether any finding needs more than its path, position and encoding.
    var needsFinishing: Bool { member != nil || commit != nil || reportedLines != nil || document != nil }
}
