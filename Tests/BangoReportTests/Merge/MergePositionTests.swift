import BangoCore
import Foundation
import Testing

@testable import BangoReport

/// How `bango merge` turns a shard's piece-relative positions into the file's, and what
/// it keeps of SARIF results, checked against what one scan of the whole would report.
@Suite struct MergePositionTests {
    /// A text cut into pieces at `cuts`: the lines each piece holds, as a shard records them.
    static func pieces(of text: [UInt8], cuts: [Int], leading: Int = 0) -> [(range: Range<Int>, lines: FilePart.Lines)]
    {
        let bounds = [0] + cuts + [text.count]
        return zip(bounds, bounds.dropFirst()).map { start, end in
            let piece = text[start..<end]
            let newlines = piece.filter { $0 == 0x0A }.count
            let afterLast = piece.lastIndex(of: 0x0A).map { piece[($0 + 1)...] } ?? piece
            var tail = afterLast.filter { $0 & 0xC0 != 0x80 }.count
            if start == 0, newlines == 0 { tail -= leading }
            return (start..<end, FilePart.Lines(newlines: newlines, tail: tail))
        }
    }

    /// The 1-based line and column (in characters) of byte `offset` counted from `start`.
    static func position(in text: [UInt8], of offset: Int, from start: Int = 0, leading: Int = 0) -> (Int, Int) {
        let before = text[start..<offset]
        let line = before.filter { $0 == 0x0A }.count + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? start
        var column = text[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
        if lineStart == 0 { column -= leading }
        return (line, column)
    }

    @Test func piecePositionsGiveTheFilesLinesAndColumns() throws {
        // Lines of every length, multi-byte characters, and a piece with no newline at all.
        var text = Array("\u{FEFF}".utf8)
        for index in 0..<40 { text += Array((String(repeating: "番号x", count: index % 7) + "\n").utf8) }
        text += Array(String(repeating: "長い行", count: 30).utf8)
        text += Array("\nend\n".utf8)
        let cuts = [50, 51, 200, 333, 334, 600, text.count - 20]
        var positions = PiecePositions()
        positions.add(path: "big.txt", ranges: Self.pieces(of: text, cuts: cuts, leading: 1))
        for start in cuts {
            for offset in stride(from: start, to: min(text.count, start + 150), by: 7)
            where text[offset] & 0xC0 != 0x80 {
                let (line, column) = Self.position(in: text, of: offset, from: start)
                let resolved = try #require(
                    positions.resolve(path: "big.txt", offset: start, line: line, column: column))
                let expected = Self.position(in: text, of: offset, leading: 1)
                #expect(
                    resolved.line == expected.0 && resolved.column == expected.1, "byte \(offset) of piece \(start)")
            }
        }
        #expect(positions.resolve(path: "big.txt", offset: 7, line: 1, column: 1) == nil)
        #expect(positions.resolve(path: "other.txt", offset: 50, line: 1, column: 1) == nil)
    }

    @Test func theFixerEditsSplitFilesFindingsAndLeavesTheRest() throws {
        var positions = PiecePositions()
        let path = #"share/ログ "q"\x81.log"#
        positions.add(
            path: path,
            ranges: [
                (0..<100, FilePart.Lines(newlines: 9, tail: 4)), (100..<200, FilePart.Lines(newlines: 0, tail: 30)),
                (200..<300, FilePart.Lines(newlines: 2, tail: 0)),
            ])
        var fixer = PositionFixer(pieces: positions)
        let quoted = JSON.quote(path)
        let tail =
            #","detector":"jp.my_number","confidence":"high","score":85,"masked":"********5196","fingerprint":"ab""#
        func run(_ line: String) throws -> String? {
            var output: [UInt8] = []
            guard try fixer.appendResolved(ArraySlice(Array(line.utf8)), to: &output, input: "shard.jsonl") else {
                #expect(output.isEmpty)
                return nil
            }
            return String(decoding: output, as: UTF8.self)
        }
        // A finding on the first line of piece 200: both pieces before hold no newline after 9.
        #expect(
            try run(#"{"path":"# + quoted + #","line":1,"column":5"# + tail + #","piece_offset":200}"#)
                == #"{"path":"# + quoted + #","line":10,"column":39"# + tail + "}")
        #expect(
            try run(#"{"path":"# + quoted + #","line":3,"column":5"# + tail + #","piece_offset":100}"#)
                == #"{"path":"# + quoted + #","line":12,"column":5"# + tail + "}")
        // Other files and findings without a piece pass through untouched.
        #expect(try run(#"{"path":"# + quoted + #","line":3,"column":5"# + tail + "}") == nil)
        #expect(try run(#"{"path":"a.txt","line":3,"column":5"# + tail + "}") == nil)
        // A piece offset no manifest recorded, or a file split in none, is an error.
        #expect(throws: MergeError.self) {
            try run(#"{"path":"# + quoted + #","line":3,"column":5"# + tail + #","piece_offset":150}"#)
        }
        #expect(throws: MergeError.self) {
            try run(#"{"path":"b.txt","line":3,"column":5"# + tail + #","piece_offset":100}"#)
        }
    }

    @Test func keptResultsAreTheMostSevereInArrivalOrder() {
        var kept = KeptResults()
        let limit = SARIFReport.resultLimit
        for index in 0..<(limit + 500) { kept.add(["level": "note", "n": index]) }
        for index in 0..<7 { kept.add(["level": "error", "n": limit + 500 + index]) }
        for index in 0..<3 { kept.add(["level": "warning", "n": limit + 600 + index]) }
        let results = kept.results
        #expect(results.count == limit)
        let numbers = results.compactMap { $0["n"] as? Int }
        #expect(numbers == numbers.sorted(), "in arrival order")
        #expect(results.filter { $0["level"] as? String == "error" }.count == 7)
        #expect(results.filter { $0["level"] as? String == "warning" }.count == 3)
        #expect(numbers.first == 0 && numbers.contains(limit - 11) && !numbers.contains(limit - 10))
    }
}
