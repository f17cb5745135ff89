/// The part of a file a shard scanned when the file was split between shards: the byte
/// ranges it owned, what each holds of lines, and the file's size. A merge joins the
/// parts of one file, checks that they cover it exactly once, and from the lines of the
/// ranges before each one makes the positions of its findings the file's.
public struct FilePart: Sendable, Codable, Equatable {
    /// What a range adds to the position after it: its newlines, and the characters
    /// after its last newline (all of its characters when it has none; for the range at
    /// the start of the file, less a byte order mark, which is no character of line 1).
    public struct Lines: Sendable, Codable, Equatable {
        public var newlines: Int
        public var tail: Int

        public init(newlines: Int = 0, tail: Int = 0) {
            self.newlines = newlines
            self.tail = tail
        }

        /// The position after `self` and then `next`.
        public func followed(by next: Lines) -> Lines {
            Lines(newlines: newlines + next.newlines, tail: next.newlines > 0 ? next.tail : tail + next.tail)
        }
    }

    public var ranges: [Range<Int>]
    /// One per range; empty when the lines were not recorded.
    public var lines: [Lines]
    public var fileSize: Int

    public init(ranges: [Range<Int>], fileSize: Int, lines: [Lines] = []) {
        self.ranges = ranges
        self.fileSize = fileSize
        self.lines = lines
    }
}
