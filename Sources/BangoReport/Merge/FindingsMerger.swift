import BangoCore

/// Joins the shards' JSON Lines reports into one, shard after shard, a block at a time:
/// bounded memory whatever the sweep found. The findings of a split file get their
/// file's lines and columns back (``PiecePositions``) and lose their `piece_offset`; the
/// rest pass through byte for byte. Each shard's lines are counted against the findings
/// its manifest says it wrote.
public enum FindingsMerger {
    /// Writes the merged report to `path`; returns the findings (lines) written.
    public static func merge(_ shards: ShardSet, pieces: PiecePositions, to path: String) throws(MergeError) -> Int {
        let file: PrivateFile
        do { file = try PrivateFile(creating: path) } catch { throw .write("\(error)") }
        // The split files by their path as JSON Lines quotes it.
        var byQuotedPath: [[UInt8]: String] = [:]
        for path in pieces.starts.keys { byQuotedPath[Array(JSON.quote(path).utf8)] = path }
        var total = 0
        for shard in shards.shards {
            guard let input = shard.outputs["jsonl"] else { continue }
            let reader = try LineReader(path: input)
            var block: [UInt8] = []
            var lines = 0
            while let line = try reader.next() {
                if let fixed = try Self.resolved(line, pieces: pieces, paths: byQuotedPath, input: input) {
                    block += fixed
                } else {
                    block += line
                }
                block.append(0x0A)
                lines += 1
                if block.count >= LineReader.blockSize {
                    file.stream.write(block)
                    block.removeAll(keepingCapacity: true)
                }
            }
            file.stream.write(block)
            let expected = shard.sweep.outputs.first { $0.format == "jsonl" }?.findings
            if let expected, expected != lines {
                file.discard()
                throw .malformed(path: input, detail: "it holds \(lines) findings, its manifest says \(expected)")
            }
            total += lines
        }
        do { try file.commit() } catch { throw .write("\(error)") }
        return total
    }

    static let marker = Array(",\"piece_offset\":".utf8)
    static let lineKey = Array(",\"line\":".utf8)
    static let columnKey = Array(",\"column\":".utf8)

    /// A finding of a split file with its file's line and column and without its piece
    /// offset; nil for any other line (left as it is).
    static func resolved(
        _ line: ArraySlice<UInt8>, pieces: PiecePositions, paths: [[UInt8]: String], input: String
    ) throws(MergeError) -> [UInt8]? {
        // The offset is the last field: `…,"piece_offset":123}`.
        guard line.last == UInt8(ascii: "}") else { return nil }
        var digitsStart = line.endIndex - 1
        while digitsStart > line.startIndex, (0x30...0x39).contains(line[digitsStart - 1]) { digitsStart -= 1 }
        let markerStart = digitsStart - marker.count
        guard markerStart > line.startIndex, line[markerStart..<digitsStart].elementsEqual(marker),
            let offset = decimal(line[digitsStart..<(line.endIndex - 1)])
        else { return nil }
        func malformed(_ detail: String) -> MergeError { .malformed(path: input, detail: detail) }
        // `{"path":"…"` first; a quoted string ends at the first quote no backslash escapes.
        let prefix = Array("{\"path\":\"".utf8)
        guard line.starts(with: prefix) else { throw malformed("a finding does not start with its path") }
        var end = line.startIndex + prefix.count
        while end < line.endIndex, line[end] != UInt8(ascii: "\"") { end += line[end] == UInt8(ascii: "\\") ? 2 : 1 }
        guard end < line.endIndex, let path = paths[Array(line[(line.startIndex + prefix.count - 1)...end])] else {
            throw malformed("a finding has a piece offset but its file is split in no manifest")
        }
        guard let lineField = line[end...].firstRange(of: lineKey),
            let columnField = line[lineField.upperBound...].firstRange(of: columnKey)
        else { throw malformed("a finding has no line and column") }
        let columnEnd = line[columnField.upperBound...].firstIndex { !(0x30...0x39).contains($0) } ?? line.endIndex
        guard let number = decimal(line[lineField.upperBound..<columnField.lowerBound]),
            let column = decimal(line[columnField.upperBound..<columnEnd]),
            let position = pieces.resolve(path: path, offset: offset, line: number, column: column)
        else { throw malformed("a finding refers to a piece of \(path) that no manifest recorded") }
        var fixed = Array(line[..<lineField.upperBound])
        fixed += Array(String(position.line).utf8) + columnKey + Array(String(position.column).utf8)
        fixed += line[columnEnd..<markerStart]
        fixed.append(UInt8(ascii: "}"))
        return fixed
    }

    /// A non-negative decimal number of ASCII digits; nil for anything else.
    static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count < 19 else { return nil }
        var value = 0
        for digit in digits {
            guard (0x30...0x39).contains(digit) else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }
}
