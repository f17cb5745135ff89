/// Inline allows: a line holding `bango:allow` suppresses the findings on it, all of
/// them or, with a list (`bango:allow jp.my_number,email`), those of the detectors named.
///
/// Only the lines of findings are read, never the whole buffer, so text without
/// findings costs nothing; the last line read is remembered, as a line with many
/// findings (a minified JSON record) is asked about once per finding.
struct AllowMarks {
    private var lineStart = -1
    private var lineEnd = -1
    /// The marks on the remembered line: nil when it has none; an empty list when one of
    /// them allows every detector.
    private var allowed: [[UInt8]]?

    static let mark = Array("bango:allow".utf8)

    /// Whether a mark on the line of `range` allows `detectorID` there.
    mutating func allows(_ detectorID: String, at range: Range<Int>, in buffer: UnsafeRawBufferPointer) -> Bool {
        if range.lowerBound < lineStart || range.lowerBound > lineEnd { remember(lineAround: range, in: buffer) }
        guard let allowed else { return false }
        return allowed.isEmpty || allowed.contains { $0.elementsEqual(detectorID.utf8) }
    }

    private mutating func remember(lineAround range: Range<Int>, in buffer: UnsafeRawBufferPointer) {
        var start = range.lowerBound
        while start > 0, buffer[start - 1] != 0x0A { start -= 1 }
        var end = min(range.upperBound, buffer.count)
        while end < buffer.count, buffer[end] != 0x0A { end += 1 }
        lineStart = start
        lineEnd = end
        allowed = Self.marks(in: buffer, start..<end)
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

    /// The first occurrence of `needle` in `buffer[range]`. A plain loop: it reads only
    /// the lines of findings, which are short.
    private static func find(_ needle: [UInt8], in buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        guard range.count >= needle.count, let first = needle.first else { return nil }
        var index = range.lowerBound
        let last = range.upperBound - needle.count
        outer: while index <= last {
            if buffer[index] == first {
                for offset in 1..<needle.count where buffer[index + offset] != needle[offset] {
                    index += 1
                    continue outer
                }
                return index
            }
            index += 1
        }
        return nil
    }
}
