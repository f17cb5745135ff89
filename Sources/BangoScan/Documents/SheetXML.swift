/// A byte-level reader for the two parts that make up nearly all of a workbook's bytes,
/// worksheets and the shared-string table. They are machine-written, flat and regular
/// (`<row r="2"><c r="C2" t="s"><v>5</v></c>…`), and Foundation's XMLParser spends most
/// of its time building strings and dictionaries for every callback: on a 42 MiB sheet
/// it ran at about 15 MiB/s and failed outright on a 42 MiB sheet written as one line, as
/// Excel writes them (libxml2 limits the length of a line); see Benchmarks/encodings.py.
/// Everything else in office documents still goes through XMLParser.
///
/// It understands what these parts contain: elements with attributes, character data
/// with the five predefined and numeric entity references, CDATA sections, comments and
/// processing instructions. A tag or section cut off by the end of the part is reported
/// as damage, after the text before it.
struct SheetXML {
    /// One parse event. Ranges index the bytes being parsed, so events cost no
    /// allocation or reference counting.
    enum Event {
        case start(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        case end(name: Range<Int>)
        /// Character data; `raw` for CDATA, whose `&` is not a reference.
        case text(Range<Int>, raw: Bool)
    }

    static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
    static let cdataOpen = Array("<![CDATA[".utf8), cdataClose = Array("]]>".utf8)
    static let instructionClose = Array("?>".utf8)

    /// Calls `body` with each event in order; returns false if the XML was cut short or
    /// malformed (the events before the damage have been delivered).
    @discardableResult
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Event) -> Void) -> Bool {
        var index = 0
        var depth = 0  // elements open; a part that ends with some still open was cut
        let count = bytes.count
        while index < count {
            var open = index
            while open < count && bytes[open] != UInt8(ascii: "<") { open += 1 }
            if open > index { body(.text(index..<open, raw: false)) }
            guard open + 1 < count else { return open == count && depth == 0 }
            let next = bytes[open + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                if starts(bytes, open, commentOpen) {
                    guard let end = find(commentClose, in: bytes, from: open + 4) else { return false }
                    index = end + 3
                } else if starts(bytes, open, cdataOpen) {
                    guard let end = find(cdataClose, in: bytes, from: open + 9) else { return false }
                    body(.text((open + 9)..<end, raw: true))
                    index = end + 3
                } else if next == UInt8(ascii: "?") {
                    guard let end = find(instructionClose, in: bytes, from: open + 2) else { return false }
                    index = end + 2
                } else {
                    // A DOCTYPE: no entity declarations are honoured (no expansion bombs).
                    guard let end = tagEnd(bytes, from: open + 1) else { return false }
                    index = end + 1
                }
                continue
            }
            guard let close = tagEnd(bytes, from: open + 1) else { return false }
            if next == UInt8(ascii: "/") {
                depth -= 1
                body(.end(name: nameRange(bytes, (open + 2)..<close)))
            } else {
                let selfClosing = bytes[close - 1] == UInt8(ascii: "/")
                if !selfClosing { depth += 1 }
                let inner = (open + 1)..<(selfClosing ? close - 1 : close)
                let name = nameRange(bytes, inner)
                body(.start(name: name, attributes: name.upperBound..<inner.upperBound, selfClosing: selfClosing))
            }
            index = close + 1
        }
        return depth == 0
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    static func starts(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int, _ literal: [UInt8]) -> Bool {
        guard at + literal.count <= bytes.count else { return false }
        for offset in 0..<literal.count where bytes[at + offset] != literal[offset] { return false }
        return true
    }

    /// The `>` ending a tag, skipping quoted attribute values.
    static func tagEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var quote: UInt8 = 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == 0x22 || byte == 0x27 {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return nil
    }

    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if starts(bytes, index, needle) { return index }
            index += 1
        }
        return nil
    }

    /// The element name at the start of `range` (up to white space).
    static func nameRange(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var end = range.lowerBound
        while end < range.upperBound && !isSpace(bytes[end]) { end += 1 }
        return range.lowerBound..<end
    }

    /// Whether the local part of the name in `range` (`x:c` → `c`) is `literal`.
    static func localName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, is literal: [UInt8]) -> Bool {
        guard range.count >= literal.count else { return false }
        let start = range.upperBound - literal.count
        if start > range.lowerBound && bytes[start - 1] != UInt8(ascii: ":") { return false }
        return starts(bytes, start, literal)
    }

    /// The raw value range of attribute `key` (matched on its local name).
    static func attribute(_ key: [UInt8], in attributes: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) -> Range<
        Int
    >? {
        var index = attributes.lowerBound
        while index < attributes.upperBound {
            while index < attributes.upperBound && isSpace(bytes[index]) { index += 1 }
            var equals = index
            while equals < attributes.upperBound && bytes[equals] != UInt8(ascii: "=") { equals += 1 }
            guard equals < attributes.upperBound else { return nil }
            var nameEnd = equals
            while nameEnd > index && isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
            var valueStart = equals + 1
            while valueStart < attributes.upperBound && isSpace(bytes[valueStart]) { valueStart += 1 }
            guard valueStart < attributes.upperBound else { return nil }
            let quote = bytes[valueStart]
            guard quote == 0x22 || quote == 0x27 else { return nil }
            var valueEnd = valueStart + 1
            while valueEnd < attributes.upperBound && bytes[valueEnd] != quote { valueEnd += 1 }
            guard valueEnd < attributes.upperBound else { return nil }
            if localName(bytes, index..<nameEnd, is: key) { return (valueStart + 1)..<valueEnd }
            index = valueEnd + 1
        }
        return nil
    }

    /// Appends character data to `output` with entity references replaced (`&amp;`,
    /// `&#x5B57;`, …); an unknown reference is kept as written.
    static func appendDecoded(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, raw: Bool = false, to output: inout [UInt8]
    ) {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            guard !raw, byte == UInt8(ascii: "&") else {
                output.append(byte)
                index += 1
                continue
            }
            var semicolon = index + 1
            while semicolon < min(range.upperBound, index + 12) && bytes[semicolon] != UInt8(ascii: ";") {
                semicolon += 1
            }
            guard semicolon < range.upperBound, bytes[semicolon] == UInt8(ascii: ";") else {
                output.append(byte)
                index += 1
                continue
            }
            // SAFETY: index + 1 ≤ semicolon < range.upperBound ≤ bytes.count, checked above, so the slice lies inside
            // `bytes`; the String copies it.
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<semicolon]), as: UTF8.self)
            var scalar: UInt32? = nil
            switch name {
            case "amp": scalar = 0x26
            case "lt": scalar = 0x3C
            case "gt": scalar = 0x3E
            case "quot": scalar = 0x22
            case "apos": scalar = 0x27
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst())
                }
            }
            if let scalar, let unicode = Unicode.Scalar(scalar) {
                output += Array(String(Character(unicode)).utf8)
                index = semicolon + 1
            } else {
                output.append(byte)
                index += 1
            }
        }
    }

    /// A decimal number written in `range`, if it is one.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count < 18 else { return nil }
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

}

private enum Names {
    static let si = Array("si".utf8), t = Array("t".utf8), rPh = Array("rPh".utf8), row = Array("row".utf8)
    static let c = Array("c".utf8), v = Array("v".utf8), inline = Array("is".utf8), r = Array("r".utf8)
    static let type = Array("t".utf8)
}

/// The shared-string table read with ``SheetXML``: each `<si>`'s text runs joined,
/// phonetic guides (`<rPh>`) left out.
func readSharedStrings(_ part: [UInt8]) -> (strings: [String], intact: Bool) {
    var strings: [String] = []
    var current: [UInt8] = []
    var inText = false
    var inPhonetic = false
    // SAFETY: the parser reads `bytes` only inside the closure, over the part's own array.
    let intact = part.withUnsafeBufferPointer { bytes in
        SheetXML.parse(bytes) { event in
            switch event {
            case .start(let name, _, let selfClosing):
                if SheetXML.localName(bytes, name, is: Names.si) {
                    current.removeAll(keepingCapacity: true)
                    if selfClosing { strings.append("") }
                } else if SheetXML.localName(bytes, name, is: Names.t) {
                    inText = !selfClosing
                } else if SheetXML.localName(bytes, name, is: Names.rPh) {
                    inPhonetic = !selfClosing
                }
            case .end(let name):
                if SheetXML.localName(bytes, name, is: Names.si) {
                    strings.append(String(decoding: current, as: UTF8.self))
                } else if SheetXML.localName(bytes, name, is: Names.t) {
                    inText = false
                } else if SheetXML.localName(bytes, name, is: Names.rPh) {
                    inPhonetic = false
                }
            case .text(let range, let raw):
                if inText && !inPhonetic { SheetXML.appendDecoded(bytes, range, raw: raw, to: &current) }
            }
        }
    }
    return (strings, intact)
}

/// A worksheet read with ``SheetXML``: one line per row, cells at their column (gaps
/// filled with tabs, so columns line up with the header row), values resolved (shared
/// strings, inline strings, numbers in exponent form made digits).
func readWorksheet(_ part: [UInt8], name: String, sharedStrings: [String]) -> (text: ExtractedText, intact: Bool) {
    var output = ExtractedText(part: name, isTable: true)
    var column = 0
    var cellColumn = 0
    var cellKind: UInt8 = UInt8(ascii: "n")  // s (shared), n (number), or other (as stored)
    var value: [UInt8] = []
    var inValue = false
    var inInline = false
    var inPhonetic = false
    // SAFETY: the parser reads `bytes` only inside the closure, over the part's own array.
    let intact = part.withUnsafeBufferPointer { bytes in
        SheetXML.parse(bytes) { event in
            switch event {
            case .start(let name, let attributes, let selfClosing):
                if SheetXML.localName(bytes, name, is: Names.c) {
                    let type = SheetXML.attribute(Names.type, in: attributes, of: bytes)
                    cellKind =
                        type.map { $0.count == 1 ? bytes[$0.lowerBound] : UInt8(ascii: "x") } ?? UInt8(ascii: "n")
                    value.removeAll(keepingCapacity: true)
                    cellColumn =
                        SheetXML.attribute(Names.r, in: attributes, of: bytes)
                        .flatMap { ExtractedText.cellReference(bytes[$0])?.column } ?? column
                    if selfClosing { cellKind = 0 }  // an empty cell: nothing to write
                } else if SheetXML.localName(bytes, name, is: Names.v) {
                    inValue = !selfClosing
                } else if SheetXML.localName(bytes, name, is: Names.row) {
                    column = 0
                    let number = SheetXML.attribute(Names.r, in: attributes, of: bytes).flatMap {
                        SheetXML.integer(bytes, $0)
                    }
                    output.rowNumbers.append(number ?? (output.rowNumbers.last ?? 0) + 1)
                    if selfClosing { output.endLine() }
                } else if SheetXML.localName(bytes, name, is: Names.inline) {
                    inInline = !selfClosing
                } else if inInline, SheetXML.localName(bytes, name, is: Names.t) {
                    inValue = !selfClosing
                } else if SheetXML.localName(bytes, name, is: Names.rPh) {
                    inPhonetic = !selfClosing
                }
            case .end(let name):
                if SheetXML.localName(bytes, name, is: Names.c) {
                    guard cellKind != 0 else { break }
                    let text: String
                    if cellKind == UInt8(ascii: "s") {
                        // SAFETY: the view lives only for the integer parse, over the cell value's own bytes.
                        let index = value.withUnsafeBufferPointer { SheetXML.integer($0, 0..<$0.count) }
                        text = index.flatMap { $0 < sharedStrings.count ? sharedStrings[$0] : nil } ?? ""
                    } else if cellKind == UInt8(ascii: "n"),
                        value.contains(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") })
                    {
                        text = ExtractedText.numberText(String(decoding: value, as: UTF8.self))
                    } else {
                        text = String(decoding: value, as: UTF8.self)  // numbers, inline strings, formula results
                    }
                    let target = min(max(cellColumn, column), 16_384)
                    output.append(String(repeating: "\t", count: target - column))
                    output.appendContent(text)
                    column = target
                } else if SheetXML.localName(bytes, name, is: Names.v) || SheetXML.localName(bytes, name, is: Names.t) {
                    inValue = false
                } else if SheetXML.localName(bytes, name, is: Names.row) {
                    output.endLine()
                } else if SheetXML.localName(bytes, name, is: Names.inline) {
                    inInline = false
                } else if SheetXML.localName(bytes, name, is: Names.rPh) {
                    inPhonetic = false
                }
            case .text(let range, let raw):
                if inValue && !inPhonetic { SheetXML.appendDecoded(bytes, range, raw: raw, to: &value) }
            }
        }
    }
    return (output, intact)
}
