import BangoCore

/// Where each piece of each split file starts in its file's lines, from the shards'
/// manifests: what a finding's piece-relative line and column need added to be the
/// file's, as one scan of the whole file would have reported them.
public struct PiecePositions: Sendable, Equatable {
    /// The newlines before a piece, and the characters after the last of them.
    public struct Start: Sendable, Equatable {
        public let lines: Int
        public let carry: Int
    }

    /// By path, then by the piece's byte offset.
    public private(set) var starts: [String: [Int: Start]] = [:]

    public init() {}

    public var isEmpty: Bool { starts.isEmpty }

    /// Records a split file's ranges, in file order, each with what it holds of lines.
    mutating func add(path: String, ranges: [(range: Range<Int>, lines: FilePart.Lines)]) {
        var before = FilePart.Lines()
        var file: [Int: Start] = [:]
        for (range, lines) in ranges {
            file[range.lowerBound] = Start(lines: before.newlines, carry: before.tail)
            before = before.followed(by: lines)
        }
        starts[path] = file
    }

    /// The file's line and column of a finding reported at `line`, `column` of the piece at
    /// `offset`; nil when no manifest had that piece.
    public func resolve(path: String, offset: Int, line: Int, column: Int) -> (line: Int, column: Int)? {
        guard let start = starts[path]?[offset] else { return nil }
        // Only a finding on the piece's first line has a column counted from the piece.
        return (line + start.lines, line == 1 ? column + start.carry : column)
    }

    /// Every piece, for the store's fix-up.
    public var rows: [(path: String, offset: Int, lines: Int, carry: Int)] {
        starts.flatMap { path, file in file.map { (path, $0.key, $0.value.lines, $0.value.carry) } }
    }
}
