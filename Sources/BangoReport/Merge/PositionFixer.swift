import BangoCore

/// Rewrites the findings of split files in a shard's JSON Lines report with their file's
/// lines and columns (``PiecePositions``), without their `piece_offset`; a line of any
/// other file is left alone. Lines are edited as bytes, never parsed and written again,
/// so the merged line is byte for byte what one scan writes; the last path and piece
/// looked up are kept, because a split file's findings come in runs.
struct PositionFixer {
    let pieces: PiecePositions
    /// The split files by their path as JSON Lines quotes it.
    private let byQuotedPath: [[UInt8]: String]
    private var lastQuoted: [UInt8] = []
    private var lastPath: String?

    static let marker = Array(",\"piece_offset\":".utf8)
    static let pathKey = Array("{\"path\":\"".utf8)
    static let lineKey = Array(",\"line\":".utf8)
    static let columnKey = Array(",\"column\":".utf8)

    init(pieces: PiecePositions) {
        self.pieces = pieces
        var byQuotedPath: [[UInt8]: String] = [:]
        for path in pieces.starts.keys { byQuotedPath[Array(JSON.quote(path).utf8)] = path }
        self.byQuotedPath = byQuotedPath
    }

    /// Appends `line` resolved to `output` and returns true when it is a finding of a
    /// split file; returns false, appending nothing, for any other line.
    mutating func appendResolved(_ line: ArraySlice<UInt8>, to output: inout [UInt8], input: String)
        throws(MergeError) -> Bool
    {
        // The offset is the last field: `…,"piece_offset":123}`.
        guard !byQuotedPath.isEmpty, line.last == UInt8(ascii: "}") else { return false }
        var digitsStart = line.endIndex - 1
        while digitsStart > line.startIndex, Self.isDigit(line[digitsStart - 1]) { digitsStart -= 1 }
        let markerStart = digitsStart - Self.marker.count
        guard markerStart > line.startIndex, line[markerStart..<digitsStart].elementsEqual(Self.marker),
            let offset = Self.decimal(line[digitsStart..<(line.endIndex - 1)])
        else { return false }
        func malformed(_ detail: String) -> MergeError { .malformed(path: input, detail: detail) }
        // `{"path":"…"` first; a quoted string ends at the first quote no backslash escapes.
        guard line.starts(with: Self.pathKey) else { throw malformed("a finding does not start with its path") }
        let quoteStart = line.startIndex + Self.pathKey.count - 1
        var end = quoteStart + 1
        while end < line.endIndex, line[end] != UInt8(ascii: "\"") { end += line[end] == UInt8(ascii: "\\") ? 2 : 1 }
        guard end < line.endIndex else { throw malformed("a finding's path does not end") }
        let quoted = line[quoteStart...end]
        if !quoted.elementsEqual(lastQuoted) {
            lastQuoted = Array(quoted)
            lastPath = byQuotedPath[lastQuoted]
        }
        guard let path = lastPath else {
            throw malformed("a finding has a piece offset but its file is split in no manifest")
        }
        // A split file is a plain file: `,"line":` follows its path (a member would come first).
        let lineDigits = end + 1 + Self.lineKey.count
        guard line[(end + 1)...].starts(with: Self.lineKey),
            let lineEnd = line[lineDigits...].firstIndex(where: { !Self.isDigit($0) }),
            line[lineEnd...].starts(with: Self.columnKey),
            let columnEnd = line[(lineEnd + Self.columnKey.count)...].firstIndex(where: { !Self.isDigit($0) }),
            let number = Self.decimal(line[lineDigits..<lineEnd]),
            let column = Self.decimal(line[(lineEnd + Self.columnKey.count)..<columnEnd])
        else { throw malformed("a finding of \(path) has no line and column after its path") }
        guard let position = pieces.resolve(path: path, offset: offset, line: number, column: column) else {
            throw malformed("a finding refers to a piece of \(path) that no manifest recorded")
        }
        output += line[..<lineDigits]
        // Small integers are small strings: no allocation.
        output += String(position.line).utf8
        output += Self.columnKey
        output += String(position.column).utf8
        output += line[columnEnd..<markerStart]
        output.append(UInt8(ascii: "}"))
        return true
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// A non-negative decimal number of ASCII digits; nil for anything else.
    static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count < 19 else { return nil }
        var value = 0
        for digit in digits {
            guard isDigit(digit) else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }
}
