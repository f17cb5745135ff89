/// Structure as context: in a table, a header cell that names an identifier
/// (`個人番号`, `My Number`, `法人番号`, …) counts as a keyword for every cell of its
/// column, however many rows down. An HR export with a My Number column is then a
/// keyword-backed finding on every row, not a keyword-backed first few rows followed by
/// a thousand lows.
public struct TableHeader: Sendable, Equatable {
    /// The field separator: `,` or a tab.
    public let delimiter: UInt8
    /// For each column, the detectors (bit i = detector i) whose keywords its header names.
    public let columnDetectors: [DetectorMask]
    /// Every detector some column names.
    public let namedDetectors: DetectorMask

    /// Reads the header from the first line of `head` (the start of a CSV/TSV file).
    /// Returns nil when no header cell names any detector.
    public init?(head: UnsafeRawBufferPointer, delimiter: UInt8, keywords: LiteralScanner) {
        var end = 0
        while end < head.count && head[end] != 0x0A { end += 1 }
        guard end < head.count else { return nil }  // no complete first line
        // A first line holding a long number is a data row (a sheet or export without a
        // header): its cells name nothing, or a record's own label would vouch for every
        // number below it.
        guard !Self.holdsLongNumber(head, upTo: end) else { return nil }
        var columns: [DetectorMask] = []
        Self.forEachCell(in: head, line: 0..<end, delimiter: delimiter) { _, cell in
            // The cell's end is the buffer's end for the scan, so a whole-word keyword
            // may end the cell.
            var hits: [LiteralScanner.Hit] = []
            // SAFETY: `..<cell.upperBound` lies inside `head` (cells are cut from its first line), so the rebased view
            // stays in the caller's buffer for the call.
            keywords.scan(UnsafeRawBufferPointer(rebasing: head[..<cell.upperBound]), in: cell, into: &hits)
            columns.append(hits.reduce(0) { $0 | $1.keywordDetectors })
        }
        guard columns.contains(where: { $0 != 0 }) else { return nil }
        self.delimiter = delimiter
        columnDetectors = columns
        namedDetectors = columns.reduce(0, |)
    }

    /// The delimiter a file's name and first line suggest, or nil if it is not a table.
    public static func delimiter(forFileName name: [UInt8], head: UnsafeRawBufferPointer) -> UInt8? {
        let lower = String(decoding: name, as: UTF8.self).lowercased()
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return 0x09 }
        guard lower.hasSuffix(".csv") else { return nil }
        var tabs = 0
        var commas = 0
        for byte in head {
            if byte == 0x0A { break }
            if byte == 0x09 { tabs += 1 } else if byte == 0x2C { commas += 1 }
        }
        return tabs > commas ? 0x09 : 0x2C
    }

    /// Calls `body(column, cell)` for each cell of the row `line` (its bytes without the
    /// newline); a delimiter inside double quotes does not end a cell.
    func forEachCell(in buffer: UnsafeRawBufferPointer, line: Range<Int>, _ body: (Int, Range<Int>) -> Void) {
        Self.forEachCell(in: buffer, line: line, delimiter: delimiter, body)
    }

    static func forEachCell(
        in buffer: UnsafeRawBufferPointer, line: Range<Int>, delimiter: UInt8, _ body: (Int, Range<Int>) -> Void
    ) {
        var column = 0
        var cellStart = line.lowerBound
        var inQuotes = false
        for index in line {
            let byte = buffer[index]
            if byte == 0x22 {
                inQuotes.toggle()
            } else if byte == delimiter && !inQuotes {
                body(column, cellStart..<index)
                column += 1
                cellStart = index + 1
            }
        }
        body(column, cellStart..<line.upperBound)
    }

    /// The detectors the header names for the cell holding `offset`, or 0 when the
    /// offset is on the header line itself or its line start is not in the buffer.
    func detectors(at offset: Int, in buffer: UnsafeRawBufferPointer, bufferIsFileStart: Bool) -> DetectorMask {
        var lineStart = offset
        while lineStart > 0 && buffer[lineStart - 1] != 0x0A { lineStart -= 1 }
        if lineStart == 0 && bufferIsFileStart { return 0 }  // the header row
        if lineStart == 0 { return 0 }  // line began before this chunk: unknown column
        var column = 0
        var inQuotes = false
        for index in lineStart..<offset {
            let byte = buffer[index]
            if byte == 0x22 { inQuotes.toggle() } else if byte == delimiter && !inQuotes { column += 1 }
        }
        return column < columnDetectors.count ? columnDetectors[column] : 0
    }

    /// Whether `bytes[..<end]` holds six digits in a row (ASCII or full-width).
    static func holdsLongNumber(_ bytes: UnsafeRawBufferPointer, upTo end: Int) -> Bool {
        var run = 0
        var index = 0
        while index < end {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                run += 1
                index += 1
            } else if byte == 0xEF, index + 2 < end, bytes[index + 1] == 0xBC, (0x90...0x99).contains(bytes[index + 2])
            {
                run += 1
                index += 3
            } else {
                run = 0
                index += 1
            }
            if run >= 6 { return true }
        }
        return false
    }
}
