#if canImport(Glibc)
    import Glibc
#endif

/// Inline allows: a line holding `bango:allow` suppresses the findings on it, all of
/// them or, with a list (`bango:allow jp.my_number,email`), those of the detectors named.
///
/// Only the lines of findings are read, never the whole buffer, so text without
/// findings costs nothing; the last line read is remembered, as a line with many
/// findings (a minified JSON record) is asked about once per finding. The line's start
/// comes from the ``ColumnCursor``, which has just looked for it.
struct AllowMarks {
    /// The 0-based line (from the report range's start) remembered.
    private var line = -1
    /// The marks on the remembered line: nil when it has none; an empty list when one of
    /// them allows every detector.
    private var allowed: [[UInt8]]?

    static let mark = Array("bango:allow".utf8)

    /// Whether a mark on the match's line allows `detectorID` there.
    /// - Parameters:
    ///   - line: the match's 0-based line, counted from the report range's start;
    ///   - cursor: the column cursor, just asked about the match, which knows where the
    ///     line starts (or that it starts before the report range).
    mutating func allows(
        _ detectorID: String, line: Int, at range: Range<Int>, cursor: ColumnCursor, in buffer: UnsafeRawBufferPointer
    ) -> Bool {
        if line != self.line {
            self.line = line
            var start = cursor.lineStart
            // The line began in the context before the report range: find its real start.
            if cursor.lineStartIsRangeStart { while start > 0, buffer[start - 1] != 0x0A { start -= 1 } }
            let end = Self.find([0x0A], in: buffer, range.upperBound..<buffer.count) ?? buffer.count
            allowed = Self.marks(in: buffer, start..<end)
        }
        guard let allowed else { return false }
        return allowed.isEmpty || allowed.contains { $0.elementsEqual(detectorID.utf8) }
    }

    /// The detector ids the marks in `buffer[range]` name: nil without a mark, empty when
    /// a mark names none (it allows all).
    static func marks(in buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> [[UInt8]]? {
        var ids: [[UInt8]] = []
        var found = false
        var cursor = range.lowerBound
        while let at = find(mark, in: buffer, cursor..<range.upperBound) {
            cursor = at + mark.count
            // `bango:allowed` or `bango:allow_list` is another word, not a mark.
            if cursor < range.upperBound, isIDByte(buffer[cursor]) { continue }
            found = true
            let named = idList(in: buffer, from: &cursor, end: range.upperBound)
            if named.isEmpty { return [] }
            ids += named
        }
        return found ? ids : nil
    }

    /// `jp.my_number,email` (spaces allowed after a comma) after one space or tab.
    private static func idList(in buffer: UnsafeRawBufferPointer, from cursor: inout Int, end: Int) -> [[UInt8]] {
        guard cursor < end, buffer[cursor] == 0x20 || buffer[cursor] == 0x09 else { return [] }
        var ids: [[UInt8]] = []
        var position = cursor + 1
        while true {
            var id: [UInt8] = []
            while position < end, isIDByte(buffer[position]) {
                id.append(buffer[position])
                position += 1
            }
            guard !id.isEmpty else { break }
            ids.append(id)
            guard position < end, buffer[position] == UInt8(ascii: ",") else { break }
            position += 1
            while position < end, buffer[position] == 0x20 { position += 1 }
        }
        cursor = position
        return ids
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x5F
    }

    /// The first occurrence of `needle` in `buffer[range]`, by memchr for its first byte.
    private static func find(_ needle: [UInt8], in buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        // SAFETY: `base` is only offset within `range`, which lies inside `buffer`.
        guard let first = needle.first, let base = buffer.baseAddress else { return nil }
        var index = range.lowerBound
        while range.upperBound - index >= needle.count {
            // SAFETY: memchr reads `range.upperBound - index` bytes from `base + index`, all inside `buffer`.
            guard let hit = memchr(base + index, Int32(first), range.upperBound - index) else { return nil }
            let at = base.distance(to: UnsafeRawPointer(hit))
            guard range.upperBound - at >= needle.count else { return nil }
            if (1..<needle.count).allSatisfy({ buffer[at + $0] == needle[$0] }) { return at }
            index = at + 1
        }
        return nil
    }
}
