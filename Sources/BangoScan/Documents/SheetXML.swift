/// A byte-level reader for the two parts that make up nearly all of a workbook's bytes,
/// worksheets and the shared-string table. They are machine-written, flat and regular
/// (`<row r="2"><c r="C2" t="s"><v>5</v></c>…`), and Foundation's XMLParser spends most
/// of its time building strings and dictionaries for every callback: on a 42 MiB sheet
/// it ran at about 15 MiB/s where this runs at well over 100 MiB/s (Benchmarks/encodings.py).
/// Everything else in office documents still goes through XMLParser.
///
/// It understands what these parts contain: elements with attributes, character data
/// with the five predefined and numeric entity references, CDATA sections, comments and
/// processing instructions. A tag or section cut off by the end of the part is reported
/// as damage, after the text before it.
struct SheetXML {
    enum Event {
        case start(name: ArraySlice<UInt8>, attributes: ArraySlice<UInt8>, selfClosing: Bool)
        case end(name: ArraySlice<UInt8>)
        case text(ArraySlice<UInt8>)
    }

    /// Calls `body` with each event in order; returns false if the XML was cut short or
    /// malformed (the events before the damage have been delivered).
    @discardableResult
    static func parse(_ bytes: [UInt8], _ body: (Event) -> Void) -> Bool {
        var index = 0
        var depth = 0  // elements open; a part that ends with some still open was cut
        let count = bytes.count
        while index < count {
            guard let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) else {
                body(.text(bytes[index...]))
                return depth == 0
            }
            if open > index { body(.text(bytes[index..<open])) }
            let rest = bytes[open...]
            if rest.starts(with: Array("<!--".utf8)) {
                guard let end = find(Array("-->".utf8), in: bytes, from: open + 4) else { return false }
                index = end + 3
            } else if rest.starts(with: Array("<![CDATA[".utf8)) {
                guard let end = find(Array("]]>".utf8), in: bytes, from: open + 9) else { return false }
                body(.text(bytes[(open + 9)..<end]))  // CDATA: no entities (see ``decodeText``' caller)
                index = end + 3
            } else if rest.starts(with: Array("<?".utf8)) {
                guard let end = find(Array("?>".utf8), in: bytes, from: open + 2) else { return false }
                index = end + 2
            } else if rest.starts(with: Array("<!".utf8)) {
                // A DOCTYPE: no entity declarations are honoured (no expansion bombs).
                guard let end = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else { return false }
                index = end + 1
            } else {
                guard let close = tagEnd(bytes, from: open + 1) else { return false }
                if bytes[open + 1] == UInt8(ascii: "/") {
                    depth -= 1
                    body(.end(name: trimmedName(bytes[(open + 2)..<close])))
                } else {
                    let selfClosing = bytes[close - 1] == UInt8(ascii: "/")
                    if !selfClosing { depth += 1 }
                    let inner = bytes[(open + 1)..<(selfClosing ? close - 1 : close)]
                    let nameEnd = inner.firstIndex(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) ?? inner.endIndex
                    body(.start(name: inner[inner.startIndex..<nameEnd], attributes: inner[nameEnd...], selfClosing: selfClosing))
                }
                index = close + 1
            }
        }
        return depth == 0
    }

    /// The `>` ending a tag, skipping quoted attribute values.
    static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var quote: UInt8? = nil
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == 0x22 || byte == 0x27 {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return nil
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start <= bytes.count else { return nil }
        var index = start
        while let candidate = bytes[index...].firstIndex(of: first) {
            if bytes[candidate...].starts(with: needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    static func trimmedName(_ name: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        name.prefix { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }

    /// The local part of a name (`x:c` → `c`).
    static func local(_ name: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        name.lastIndex(of: UInt8(ascii: ":")).map { name[($0 + 1)...] } ?? name
    }

    /// The value of attribute `key` (matched on its local name), entities decoded.
    static func attribute(_ key: String, in attributes: ArraySlice<UInt8>) -> String? {
        let wanted = Array(key.utf8)
        var index = attributes.startIndex
        while index < attributes.endIndex {
            while index < attributes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(attributes[index]) { index += 1 }
            guard let equals = attributes[index...].firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let name = trimmedName(attributes[index..<equals])
            var valueStart = equals + 1
            while valueStart < attributes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(attributes[valueStart]) { valueStart += 1 }
            guard valueStart < attributes.endIndex else { return nil }
            let quote = attributes[valueStart]
            guard quote == 0x22 || quote == 0x27,
                let valueEnd = attributes[(valueStart + 1)...].firstIndex(of: quote)
            else { return nil }
            if Array(local(name)) == wanted {
                return String(decoding: decodeText(attributes[(valueStart + 1)..<valueEnd]), as: UTF8.self)
            }
            index = valueEnd + 1
        }
        return nil
    }

    /// Character data with entity references replaced (`&amp;`, `&#x5B57;`, …); an
    /// unknown reference is kept as written.
    static func decodeText(_ text: ArraySlice<UInt8>) -> [UInt8] {
        guard text.contains(UInt8(ascii: "&")) else { return Array(text) }
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            guard byte == UInt8(ascii: "&"), let semicolon = text[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                output.append(byte)
                index += 1
                continue
            }
            let name = String(decoding: text[(index + 1)..<semicolon], as: UTF8.self)
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
        return output
    }
}

/// The shared-string table read with ``SheetXML``: each `<si>`'s text runs joined,
/// phonetic guides (`<rPh>`) left out.
func readSharedStrings(_ bytes: [UInt8]) -> (strings: [String], intact: Bool) {
    var strings: [String] = []
    var current: [UInt8] = []
    var inText = false, inPhonetic = false
    let intact = SheetXML.parse(bytes) { event in
        switch event {
        case .start(let name, _, let selfClosing):
            switch SheetXML.local(name) {
            case let n where n.elementsEqual("si".utf8): current.removeAll(keepingCapacity: true)
                if selfClosing { strings.append("") }
            case let n where n.elementsEqual("t".utf8): inText = !selfClosing
            case let n where n.elementsEqual("rPh".utf8): inPhonetic = !selfClosing
            default: break
            }
        case .end(let name):
            switch SheetXML.local(name) {
            case let n where n.elementsEqual("si".utf8): strings.append(String(decoding: current, as: UTF8.self))
            case let n where n.elementsEqual("t".utf8): inText = false
            case let n where n.elementsEqual("rPh".utf8): inPhonetic = false
            default: break
            }
        case .text(let text):
            if inText && !inPhonetic { current += SheetXML.decodeText(text) }
        }
    }
    return (strings, intact)
}

/// A worksheet read with ``SheetXML`` into the same text as ``SheetDelegate`` makes.
func readWorksheet(_ bytes: [UInt8], name: String, sharedStrings: [String]) -> (text: ExtractedText, intact: Bool) {
    var output = ExtractedText(part: name, isTable: true)
    var column = 0, cellColumn = 0
    var cellType: [UInt8] = [], value: [UInt8] = []
    var inValue = false, inInline = false, inPhonetic = false
    let intact = SheetXML.parse(bytes) { event in
        switch event {
        case .start(let rawName, let attributes, let selfClosing):
            let name = SheetXML.local(rawName)
            if name.elementsEqual("row".utf8) {
                column = 0
                output.rowNumbers.append(SheetXML.attribute("r", in: attributes).flatMap(Int.init) ?? (output.rowNumbers.last ?? 0) + 1)
                if selfClosing { output.endLine() }
            } else if name.elementsEqual("c".utf8) {
                cellType = SheetXML.attribute("t", in: attributes).map { Array($0.utf8) } ?? Array("n".utf8)
                value.removeAll(keepingCapacity: true)
                cellColumn = SheetXML.attribute("r", in: attributes).flatMap(ExtractedText.cellReference)?.column ?? column
            } else if name.elementsEqual("v".utf8) {
                inValue = !selfClosing
            } else if name.elementsEqual("is".utf8) {
                inInline = !selfClosing
            } else if name.elementsEqual("t".utf8), inInline {
                inValue = !selfClosing
            } else if name.elementsEqual("rPh".utf8) {
                inPhonetic = !selfClosing
            }
        case .end(let rawName):
            let name = SheetXML.local(rawName)
            if name.elementsEqual("v".utf8) || name.elementsEqual("t".utf8) {
                inValue = false
            } else if name.elementsEqual("is".utf8) {
                inInline = false
            } else if name.elementsEqual("rPh".utf8) {
                inPhonetic = false
            } else if name.elementsEqual("c".utf8) {
                let stored = String(decoding: value, as: UTF8.self)
                let text: String
                if cellType.elementsEqual("s".utf8) {
                    text = Int(stored).flatMap { $0 >= 0 && $0 < sharedStrings.count ? sharedStrings[$0] : nil } ?? ""
                } else if cellType.elementsEqual("n".utf8) {
                    text = ExtractedText.numberText(stored)
                } else {
                    text = stored  // inlineStr, str (formula result), b, e
                }
                let target = min(max(cellColumn, column), 16_384)
                output.append(String(repeating: "\t", count: target - column))
                output.appendContent(text)
                column = target
            } else if name.elementsEqual("row".utf8) {
                output.endLine()
            }
        case .text(let text):
            if inValue && !inPhonetic { value += SheetXML.decodeText(text) }
        }
    }
    return (output, intact)
}
