import BangoCore

/// Turns piece-relative lines and columns into positions in the whole text, one piece
/// after another in text order, and makes the findings of each piece.
struct LineResolver: Sendable {
    /// Newlines before the next piece.
    private var lineBase = 0
    /// Characters since the last newline before the next piece.
    private var carry = 0

    /// - Parameter leadingCharacters: characters at the start of the text that are not
    ///   text (a UTF-8 byte order mark), left out of line 1's columns.
    init(leadingCharacters: Int = 0) { carry = -leadingCharacters }

    /// Appends the next piece's findings, with 1-based lines and columns, to `findings`:
    /// in place, because a finding copied from one array to another retains and releases
    /// each of its strings.
    mutating func appendFindings(of outcome: ScanOutcome, labels: FindingLabels, to findings: inout [Finding]) {
        // Exact reservations would regrow the array on every call; the first suffices.
        if findings.isEmpty { findings.reserveCapacity(outcome.detections.count) }
        let first = findings.count
        // By index, reading fields: a `for … in` loop would copy every detection.
        let detections = outcome.detections
        for index in detections.indices {
            findings.append(
                Finding(
                    path: labels.path,
                    line: lineBase + detections[index].lineOffset + 1,
                    column: detections[index].columnIsFromRangeStart
                        ? carry + detections[index].column : detections[index].column,
                    detector: detections[index].detectorID,
                    confidence: detections[index].confidence,
                    masked: detections[index].masked,
                    fingerprint: detections[index].fingerprint,
                    encoding: labels.encoding,
                    revealedValue: detections[index].revealedValue,
                    allowMark: detections[index].allowMarked
                        ? (labels.honoursAllowMarks ? .honoured : .ignored) : .none))
        }
        if labels.needsFinishing { finish(&findings, from: first, labels: labels) }
        carry = outcome.newlines > 0 ? outcome.charactersAfterLastNewline : carry + outcome.charactersAfterLastNewline
        lineBase += outcome.newlines
    }

    /// Adds member, commit and document place to the findings from `first` on, and drops
    /// those on lines that are not reported.
    private func finish(_ findings: inout [Finding], from first: Int, labels: FindingLabels) {
        if let lines = labels.reportedLines {
            var kept = first
            for index in first..<findings.count where lines.contains(findings[index].line) {
                findings.swapAt(kept, index)
                kept += 1
            }
            findings.removeLast(findings.count - kept)
        }
        for index in first..<findings.count {
            findings[index].member = labels.member
            if let commit = labels.commit {
                findings[index].commit = commit.id
                findings[index].authorDate = commit.authorDate
            }
            if let document = labels.document {
                findings[index].location = document.location(line: findings[index].line, column: findings[index].column)
            }
        }
    }
}
