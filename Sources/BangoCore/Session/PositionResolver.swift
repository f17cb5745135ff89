/// Lines and columns of candidates in a buffer, and the UTF-8 counting they rest on.
///
/// Lines are counted forward from one candidate to the next (they arrive sorted by
/// start), so every byte of a report range is counted once however many findings it
/// holds; columns are counted in characters (non-continuation bytes).
enum PositionResolver {
    /// Sets each candidate's line (the newlines between the range's start and it) and
    /// returns the newlines in the whole range.
    static func resolveLines(_ candidates: inout [Candidate], in buffer: UnsafeRawBufferPointer, range: Range<Int>)
        -> Int
    {
        var position = range.lowerBound
        var line = 0
        for index in candidates.indices {
            let offset = max(position, candidates[index].range.lowerBound)
            line += NewlineCounter.count(buffer, in: position..<offset)
            candidates[index].lineOffset = line
            position = offset
        }
        return line + NewlineCounter.count(buffer, in: position..<max(position, range.upperBound))
    }

    /// Number of UTF-8 characters (non-continuation bytes) in `buffer[range]`.
    static func characterCount(_ buffer: UnsafeRawBufferPointer, in range: Range<Int>) -> Int {
        var count = 0
        for index in range where buffer[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Characters after the last newline of `buffer[range]` (all of them if none): what
    /// a following chunk adds to the column of a finding on its first line.
    static func charactersAfterLastNewline(_ buffer: UnsafeRawBufferPointer, in range: Range<Int>) -> Int {
        var start = range.upperBound
        while start > range.lowerBound && buffer[start - 1] != 0x0A { start -= 1 }
        return characterCount(buffer, in: start..<range.upperBound)
    }

    /// Steps back over up to `characters` UTF-8 characters from `offset`.
    static func backUp(characters: Int, from offset: Int, in buffer: UnsafeRawBufferPointer) -> Int {
        var position = offset
        for _ in 0..<characters {
            guard position > 0 else { break }
            position -= 1
            var steps = 0
            while position > 0 && buffer[position] & 0xC0 == 0x80 && steps < 3 {
                position -= 1
                steps += 1
            }
        }
        return position
    }
}
