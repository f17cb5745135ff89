import Testing

@testable import BangoCore
@testable import BangoScan

/// Piece-relative positions become positions in the whole text.
@Suite struct LineResolverTests {
    static let labels = FindingLabels(origin: TargetOrigin(path: TargetPath("f.txt")), encoding: .utf8)

    /// A detection `lineOffset` newlines into its piece, at `column`.
    static func detection(line lineOffset: Int, column: Int, fromRangeStart: Bool) -> Detection {
        Detection(
            detectorID: "jp.my_number", byteRange: 0..<12, lineOffset: lineOffset, column: column,
            columnIsFromRangeStart: fromRangeStart, confidence: .high, masked: "********1234",
            fingerprint: Fingerprint(bytes: .init(repeating: 7)), revealedValue: nil)
    }

    static func piece(_ detections: [Detection], newlines: Int, after characters: Int) -> ScanOutcome {
        var outcome = ScanOutcome()
        outcome.detections = detections
        outcome.newlines = newlines
        outcome.charactersAfterLastNewline = characters
        return outcome
    }

    @Test func linesAddUpAcrossPiecesAndColumnsCarryOverAnUnfinishedLine() {
        var resolver = LineResolver()
        var findings: [Finding] = []
        // Piece 1: three newlines, then 10 characters of an unfinished line.
        resolver.appendFindings(
            of: Self.piece([Self.detection(line: 1, column: 4, fromRangeStart: false)], newlines: 3, after: 10),
            labels: Self.labels, to: &findings)
        // Piece 2 continues line 4: a match before its first newline is at column 10 + 5.
        resolver.appendFindings(
            of: Self.piece(
                [
                    Self.detection(line: 0, column: 5, fromRangeStart: true),
                    Self.detection(line: 2, column: 1, fromRangeStart: false),
                ], newlines: 2, after: 0), labels: Self.labels, to: &findings)
        #expect(findings.map { [$0.line, $0.column] } == [[2, 4], [4, 15], [6, 1]])
        #expect(findings.allSatisfy { $0.path == "f.txt" && $0.encoding == "utf-8" })
    }

    @Test func aPieceWithoutNewlinesExtendsTheCarry() {
        var resolver = LineResolver()
        var findings: [Finding] = []
        resolver.appendFindings(of: Self.piece([], newlines: 0, after: 7), labels: Self.labels, to: &findings)
        resolver.appendFindings(of: Self.piece([], newlines: 0, after: 8), labels: Self.labels, to: &findings)
        resolver.appendFindings(
            of: Self.piece([Self.detection(line: 0, column: 1, fromRangeStart: true)], newlines: 0, after: 3),
            labels: Self.labels, to: &findings)
        #expect(findings.map { [$0.line, $0.column] } == [[1, 16]])
    }

    /// A byte order mark is not a character of line 1.
    @Test func leadingCharactersAreLeftOutOfTheFirstLine() {
        var resolver = LineResolver(leadingCharacters: 1)
        var findings: [Finding] = []
        resolver.appendFindings(
            of: Self.piece([Self.detection(line: 0, column: 2, fromRangeStart: true)], newlines: 0, after: 20),
            labels: Self.labels, to: &findings)
        #expect(findings.first?.column == 1)
    }

    @Test func onlyReportedLinesAreKeptAndMembersAndCommitsAreLabelled() {
        let origin = TargetOrigin(
            path: TargetPath("a.zip"), members: ["in.txt"],
            commit: CommitStamp(id: "0123abcd", authorDate: "2026-12-01T10:00:00Z"))
        let labels = FindingLabels(origin: origin, encoding: .utf8, reportedLines: LineSet([2...2, 5...6]))
        var resolver = LineResolver()
        var findings: [Finding] = []
        let detections = (0..<7).map { Self.detection(line: $0, column: 1, fromRangeStart: false) }
        resolver.appendFindings(of: Self.piece(detections, newlines: 7, after: 0), labels: labels, to: &findings)
        #expect(findings.map(\.line) == [2, 5, 6])
        #expect(findings.allSatisfy { $0.member == "in.txt" && $0.commit == "0123abcd" })
        #expect(findings.allSatisfy { $0.authorDate == "2026-12-01T10:00:00Z" })
    }
}
