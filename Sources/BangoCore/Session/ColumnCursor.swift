/// Turns byte offsets into 1-based character columns for offsets visited in order,
/// without rescanning a line for every finding on it.
struct ColumnCursor {
    let rangeStart: Int
    private var line = -1
    /// Where the line of the last position asked about starts (at most back to the range's start).
    private(set) var lineStart = 0
    private var countedTo = 0
    private var charactersCounted = 0
    /// No newline lies between the range's start and the line of the last position.
    private(set) var lineStartIsRangeStart = true

    init(rangeStart: Int) { self.rangeStart = rangeStart }

    /// The column of `offset` on 0-based line `newLine`, and whether it counts from the
    /// report range's start (no newline lies between them).
    mutating func column(of offset: Int, line newLine: Int, in buffer: UnsafeRawBufferPointer) -> (Int, Bool) {
        if newLine != line || offset < countedTo {
            var start = offset
            while start > rangeStart && buffer[start - 1] != 0x0A { start -= 1 }
            line = newLine
            lineStart = start
            lineStartIsRangeStart = start == rangeStart && (start == 0 || buffer[start - 1] != 0x0A)
            countedTo = start
            charactersCounted = 0
        }
        charactersCounted += PositionResolver.characterCount(buffer, in: countedTo..<offset)
        countedTo = offset
        return (charactersCounted + 1, lineStartIsRangeStart)
    }
}
