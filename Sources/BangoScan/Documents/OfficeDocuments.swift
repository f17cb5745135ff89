import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Text extraction from the zip-packaged office formats: OOXML (xlsx, docx, pptx) and
/// ODF (ods, odt, odp), with Foundation's XMLParser (libxml2 underneath).
///
/// Text is joined across XML runs (Word splits `1234` and `5678 9012` into separate
/// runs; the number is still one number), paragraphs and table rows end lines, and
/// table cells are separated by tabs.
enum OfficeDocument {
    enum Kind: String {
        case xlsx, docx, pptx, odf
    }

    /// The format a zip package holds, from the parts it has.
    static func kind(of names: Set<String>) -> Kind? {
        if names.contains("xl/workbook.xml") { return .xlsx }
        if names.contains("word/document.xml") { return .docx }
        if names.contains("ppt/presentation.xml") { return .pptx }
        if names.contains("mimetype") && names.contains("content.xml") { return .odf }
        return nil
    }

    /// The document's texts, one per part (sheet, body, header, slide …). `read`
    /// returns a part's bytes (nil if it is missing); a part whose XML is malformed
    /// yields what was read before the error and is named in `damaged`.
    static func extract(
        _ kind: Kind, names: [String], read: (String) throws(ContainerError) -> [UInt8]?,
        damaged: inout [String]
    ) throws(ContainerError) -> [ExtractedText] {
        func parse(_ name: String, _ delegate: any XMLParserDelegate) throws(ContainerError) {
            guard let bytes = try read(name) else { return }
            let parser = XMLParser(data: Data(bytes))
            parser.shouldResolveExternalEntities = false
            parser.delegate = delegate
            // swift-corelibs-foundation's parse() can return true after an error; the
            // error itself is the reliable signal.
            if !parser.parse() || parser.parserError != nil { damaged.append(name) }
        }
        func numbered(_ prefix: String) -> [(Int, String)] {
            names.compactMap { name -> (Int, String)? in
                guard name.hasPrefix(prefix), name.hasSuffix(".xml") else { return nil }
                let digits = name.dropFirst(prefix.count).dropLast(4)
                return Int(digits).map { ($0, name) }
            }.sorted { $0.0 < $1.0 }
        }
        var texts: [ExtractedText] = []
        switch kind {
        case .xlsx:
            let workbook = WorkbookDelegate()
            try parse("xl/workbook.xml", workbook)
            let relations = RelationshipsDelegate()
            try parse("xl/_rels/workbook.xml.rels", relations)
            // The bulk of a workbook (shared strings, worksheets) is read with SheetXML:
            // several times faster than XMLParser, and not bound by libxml2's limits on
            // a single line, which Excel's one-line sheets of tens of MiB exceed.
            var strings: [String] = []
            if let bytes = try read("xl/sharedStrings.xml") {
                let (parsed, intact) = readSharedStrings(bytes)
                strings = parsed
                if !intact { damaged.append("xl/sharedStrings.xml") }
            }
            for (sheetName, relation) in workbook.sheets {
                guard let target = relations.targets[relation] else { continue }
                let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                guard let bytes = try read(path) else { continue }
                let (sheet, intact) = readWorksheet(bytes, name: sheetName, sharedStrings: strings)
                if !intact { damaged.append(path) }
                texts.append(sheet)
            }
        case .docx:
            var parts = [("word/document.xml", "body")]
            parts += numbered("word/header").map { ($0.1, "header \($0.0)") }
            parts += numbered("word/footer").map { ($0.1, "footer \($0.0)") }
            parts += [
                ("word/footnotes.xml", "footnotes"), ("word/endnotes.xml", "endnotes"),
                ("word/comments.xml", "comments"),
            ]
            for (name, part) in parts where names.contains(name) {
                let delegate = TextDelegate(
                    part: part, text: ["t", "delText"], lineEnds: ["p", "tr"], cellEnds: ["tc"],
                    tabs: ["tab"], breaks: ["br", "cr"])
                try parse(name, delegate)
                texts.append(delegate.output)
            }
        case .pptx:
            var parts = numbered("ppt/slides/slide").map { ($0.1, "slide \($0.0)") }
            parts += numbered("ppt/notesSlides/notesSlide").map { ($0.1, "notes \($0.0)") }
            for (name, part) in parts {
                let delegate = TextDelegate(
                    part: part, text: ["t"], lineEnds: ["p", "tr"], cellEnds: ["tc"], tabs: ["tab"], breaks: ["br"])
                try parse(name, delegate)
                texts.append(delegate.output)
            }
        case .odf:
            for name in ["content.xml", "styles.xml"] where names.contains(name) {
                let delegate = ODFDelegate(part: name == "content.xml" ? "body" : "headers and footers")
                try parse(name, delegate)
                texts.append(contentsOf: delegate.outputs)
            }
        }
        return texts
    }
}

/// The local part of a possibly prefixed XML name (`w:t` → `t`).
private func local(_ name: String) -> Substring {
    name.firstIndex(of: ":").map { name[name.index(after: $0)...] } ?? name[...]
}

/// Collects the text of chosen elements, with line, cell, tab and break elements.
class TextDelegate: NSObject, XMLParserDelegate {
    var output: ExtractedText
    private let textElements: Set<Substring>, lineEnds: Set<Substring>, cellEnds: Set<Substring>
    private let tabs: Set<Substring>, breaks: Set<Substring>
    private var depthInText = 0
    /// Inside a table cell, paragraphs end with a space: a row stays one line.
    private var depthInCell = 0

    init(
        part: String, text: Set<Substring>, lineEnds: Set<Substring>, cellEnds: Set<Substring>,
        tabs: Set<Substring>, breaks: Set<Substring>
    ) {
        output = ExtractedText(part: part)
        textElements = text
        self.lineEnds = lineEnds
        self.cellEnds = cellEnds
        self.tabs = tabs
        self.breaks = breaks
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let element = local(name)
        if textElements.contains(element) { depthInText += 1 }
        if cellEnds.contains(element) { depthInCell += 1 }
        if tabs.contains(element) { output.append("\t") }
        if breaks.contains(element) { output.endLine() }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let element = local(name)
        if textElements.contains(element) { depthInText -= 1 }
        if cellEnds.contains(element) {
            depthInCell -= 1
            output.append("\t")
        } else if lineEnds.contains(element) {
            if depthInCell > 0 { output.append(" ") } else { output.endLine() }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if depthInText > 0 { output.appendContent(string) }
    }
}

/// `xl/workbook.xml`: sheet names and their relationship ids, in tab order.
final class WorkbookDelegate: NSObject, XMLParserDelegate {
    var sheets: [(name: String, relation: String)] = []
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard local(name) == "sheet", let sheetName = attributes["name"],
            let relation = attributes.first(where: { local($0.key) == "id" && $0.key != "sheetId" })?.value
        else { return }
        sheets.append((sheetName, relation))
    }
}

/// A `.rels` part: relationship id → target.
final class RelationshipsDelegate: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if local(name) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
            targets[id] = target
        }
    }
}

/// ODF `content.xml` / `styles.xml`: paragraphs and headings end lines; a spreadsheet's
/// tables become one table text each (with cell locations), using `office:value` for
/// numbers, which the displayed text may round.
final class ODFDelegate: NSObject, XMLParserDelegate {
    private var tables: [ExtractedText] = []
    private var prose: ExtractedText
    /// The prose, then each table; a document cut short by an XML error keeps what came
    /// before the error.
    var outputs: [ExtractedText] { [prose] + tables + (sheet.map { [$0] } ?? []) }
    private var sheet: ExtractedText? = nil
    private var row = 0, column = 0, pendingRepeat = 1
    private var numberValue: String? = nil, cellText = "", inCell = false, textDepth = 0

    init(part: String) { prose = ExtractedText(part: part) }

    private var isSpreadsheetTable: Bool { sheet != nil }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch local(name) {
        case "table":
            sheet = ExtractedText(part: attributes["table:name"] ?? "Sheet", isTable: true)
            row = 0
        case "table-row":
            row += 1
            column = 0
            sheet?.rowNumbers.append(row)
        case "table-cell", "covered-table-cell":
            inCell = true
            cellText = ""
            numberValue = attributes["office:value-type"].flatMap {
                ["float", "percentage", "currency"].contains($0) ? attributes["office:value"] : nil
            }
            pendingRepeat = min(attributes["table:number-columns-repeated"].flatMap(Int.init) ?? 1, 1024)
        case "p", "h":
            textDepth += 1
            if inCell && !cellText.isEmpty { cellText += " " }
        case "s":
            let count = min(attributes["text:c"].flatMap(Int.init) ?? 1, 64)
            append(String(repeating: " ", count: count))
        case "tab": append(" ")
        case "line-break": if inCell { cellText += " " } else { prose.endLine() }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "table":
            if let sheet { tables.append(sheet) }
            sheet = nil
        case "table-row":
            if isSpreadsheetTable { sheet?.endLine() } else { prose.endLine() }
        case "table-cell", "covered-table-cell":
            inCell = false
            let text = numberValue.map(ExtractedText.numberText) ?? cellText
            if isSpreadsheetTable {
                if !text.isEmpty {
                    sheet?.appendContent(text)
                }
                sheet?.append(String(repeating: "\t", count: text.isEmpty ? pendingRepeat : 1))
                column += pendingRepeat
            } else {
                prose.appendContent(text)
                prose.append("\t")
            }
        case "p", "h":
            textDepth -= 1
            if !inCell { prose.endLine() }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if textDepth > 0 { append(string) }
    }

    private func append(_ string: String) {
        if inCell { cellText += string } else { prose.appendContent(string) }
    }
}
