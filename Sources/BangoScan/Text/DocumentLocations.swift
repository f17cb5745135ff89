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
