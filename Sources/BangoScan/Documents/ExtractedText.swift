/// Text pulled out of a document, ready for the matcher: UTF-8 lines, and a way back
/// from a finding's line and column to a place a person can find in the document.
struct ExtractedText {
    /// Where in the document (`body`, `slide 3`, the sheet name) this text comes from.
    var part: String
    var text: [UInt8] = []
    /// For tables (a worksheet): each line is a row, cells separated by tabs, so the
    /// first row works as a header for its columns and `location` names the cell.
    var isTable = false
    /// Row numbers of the lines of a table (rows the sheet leaves out are not lines).
    var rowNumbers: [Int] = []
    /// For texts made of several parts (a PDF's pages): the first line of each part and
    /// its name, in order; `part` names the text when empty.
    var partStarts: [(line: Int, part: String)] = []
    mutating func append(_ string: String) { text.append(contentsOf: string.utf8) }

    /// Appends cell or run text with the characters that structure the extracted text
    /// (tab, newline, the CSV quote) made spaces, so they keep meaning only one thing.
    mutating func appendContent(_ string: String) {
        for byte in string.utf8 {
            text.append(byte == 0x09 || byte == 0x0A || byte == 0x0D || (isTable && byte == 0x22) ? 0x20 : byte)
        }
    }

    mutating func endLine() { text.append(0x0A) }

    /// Byte offset where each line starts, for ``location(line:column:)``.
    func lineStarts() -> [Int] {
        var starts = [0]
        for (index, byte) in text.enumerated() where byte == 0x0A { starts.append(index + 1) }
        return starts
    }

    /// The place of a finding at 1-based `line` and `column` (in characters): the cell
    /// for a table (`Sheet1!C12`), the part otherwise. `lineStarts` comes from
    /// ``lineStarts()``, computed once per text, so a sheet with many findings is not
    /// walked again for each.
    func location(line: Int, column: Int, lineStarts: [Int]) -> String {
        if let start = partStarts.last(where: { $0.line <= line }) { return start.part }
        guard isTable, line >= 1, line <= rowNumbers.count, line <= lineStarts.count else { return part }
        var cell = 0
        var characters = 1
        var index = lineStarts[line - 1]
        while index < text.count, characters < column, text[index] != 0x0A {
            if text[index] == 0x09 { cell += 1 }
            if text[index] & 0xC0 != 0x80 { characters += 1 }
            index += 1
        }
        return "\(part)!\(Self.columnName(cell))\(rowNumbers[line - 1])"
    }

    /// 0 → A, 25 → Z, 26 → AA.
    static func columnName(_ index: Int) -> String {
        var name: [UInt8] = []
        var value = index + 1
        while value > 0 {
            value -= 1
            name.insert(UInt8(ascii: "A") + UInt8(value % 26), at: 0)
            value /= 26
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// "A1" → (column 0, row 1), read from the bytes as they lie (no string per cell).
    static func cellReference<Bytes: Sequence<UInt8>>(_ reference: Bytes) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var sawLetter = false
        for byte in reference {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                guard row == 0 else { return nil }
                column = column * 26 + Int(byte - UInt8(ascii: "A") + 1)
                sawLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
            default:
                return nil
            }
            guard column < 1 << 20, row < 1 << 24 else { return nil }
        }
        return sawLetter && row > 0 ? (column - 1, row) : nil
    }

    /// A number cell's text as a person reads it: Excel stores 123456789018 as written,
    /// or in exponent form (`1.23456789018E+11`); an integral value becomes its digits so
    /// the matcher sees the number, a fraction stays as stored.
    static func numberText(_ stored: String) -> String {
        let bytes = Array(stored.utf8)
        guard let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }),
            let exponent = Int(String(decoding: bytes[(e + 1)...], as: UTF8.self)), exponent >= 0, exponent < 40
        else { return stored }
        var mantissa = Array(bytes[..<e])
        var negative = false
        if mantissa.first == UInt8(ascii: "-") {
            negative = true
            mantissa.removeFirst()
        }
        let point = mantissa.firstIndex(of: UInt8(ascii: ".")) ?? mantissa.count
        var digits = mantissa.filter { $0 != UInt8(ascii: ".") }
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return stored }
        let integerDigits = point + exponent
        guard digits.count <= integerDigits else { return stored }  // a fraction remains
        digits += Array(repeating: UInt8(ascii: "0"), count: integerDigits - digits.count)
        while digits.count > 1 && digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        return (negative ? "-" : "") + String(decoding: digits, as: UTF8.self)
    }
}
