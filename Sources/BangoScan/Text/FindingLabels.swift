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

    init(origin: TargetOrigin, encoding: TextEncoding, reportedLines: LineSet? = nil, document: DocumentLocations? = nil) {
        path = origin.displayPath
        member = origin.memberText
        self.encoding = encoding.rawValue
        commit = origin.commit
        self.reportedLines = reportedLines
        self.document = document
    }

    /// Whether any finding needs more than its path, position and encoding.
    var needsFinishing: Bool { member != nil || commit != nil || reportedLines != nil || document != nil }
}

/// Maps a finding in an extracted document text back to a place a person can find:
/// `Sheet1!C12` for a cell, `page 3` for a PDF, `body` for a Word document.
struct DocumentLocations: Sendable {
    let text: ExtractedText
    /// Line starts of a table's text, computed once (empty for other texts).
    let lineStarts: [Int]

    /// Nil when the text has no place names (plain member text).
    init?(_ text: ExtractedText) {
        guard !text.part.isEmpty || !text.partStarts.isEmpty else { return nil }
        self.text = text
        lineStarts = text.isTable ? text.lineStarts() : []
    }

    func location(line: Int, column: Int) -> String {
        text.location(line: line, column: column, lineStarts: lineStarts)
    }
}
