import Foundation
import ZIPFoundation

/// Builders for the archives and documents the container tests scan, so every case is
/// visible in code: zips made with ZIPFoundation, tar and gzip written by hand, office
/// packages from their XML parts, PDFs from their objects.
public enum Fixture {
    /// A fixed timestamp, so generated archives are the same bytes every run.
    static let date = Date(timeIntervalSince1970: 1_732_838_400)

    /// A zip of `entries` (deflated unless `stored`).
    public static func zip(_ entries: [(String, [UInt8])], stored: Bool = false) -> [UInt8] {
        guard let archive = try? Archive(data: Data(), accessMode: .create) else { return [] }
        for (name, bytes) in entries {
            let data = Data(bytes)
            try? archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                compressionMethod: stored ? .none : .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        return archive.data.map(Array.init) ?? []
    }

    public static func zip(_ entries: [(String, String)], stored: Bool = false) -> [UInt8] {
        zip(entries.map { ($0.0, Array($0.1.utf8)) }, stored: stored)
    }

    /// A zip whose one member's name is stored as `rawName` bytes (CP932, say) without
    /// the UTF-8 flag, as Japanese Windows writes them: built with an ASCII placeholder
    /// of the same length, then patched (name and flag) in the local header and the
    /// central directory.
    public static func zip(rawName: [UInt8], content: String) -> [UInt8] {
        let placeholder = Array(String(repeating: "Q", count: rawName.count).utf8)
        var bytes = zip([(String(decoding: placeholder, as: UTF8.self), content)], stored: true)
        var index = 0
        while index + placeholder.count <= bytes.count {
            if Array(bytes[index..<(index + placeholder.count)]) == placeholder {
                bytes.replaceSubrange(index..<(index + placeholder.count), with: rawName)
                index += placeholder.count
            } else {
                index += 1
            }
        }
        for index in 0..<max(0, bytes.count - 10) {
            if bytes[index...].starts(with: [0x50, 0x4B, 0x03, 0x04]) { bytes[index + 7] &= ~0x08 }
            if bytes[index...].starts(with: [0x50, 0x4B, 0x01, 0x02]) { bytes[index + 9] &= ~0x08 }
        }
        return bytes
    }

    /// Sets the "encrypted" flag (bit 0) of every entry, local and central.
    public static func markEncrypted(_ zip: [UInt8]) -> [UInt8] {
        var bytes = zip
        for index in 0..<(max(0, bytes.count - 10)) {
            if bytes[index...].starts(with: [0x50, 0x4B, 0x03, 0x04]) { bytes[index + 6] |= 1 }
            if bytes[index...].starts(with: [0x50, 0x4B, 0x01, 0x02]) { bytes[index + 8] |= 1 }
        }
        return bytes
    }

    /// A ustar archive of regular files.
    public static func tar(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        for (name, content) in entries {
            var header = [UInt8](repeating: 0, count: 512)
            func put(_ text: String, at offset: Int) {
                for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
            }
            put(name, at: 0)
            put("0000644", at: 100)
            put("0000000", at: 108)
            put("0000000", at: 116)
            put(String(format: "%011o", content.count), at: 124)
            put(String(format: "%011o", 1_732_838_400), at: 136)
            put("        ", at: 148)
            header[156] = UInt8(ascii: "0")
            put("ustar", at: 257)
            put("00", at: 263)
            let sum = header.reduce(0) { $0 + Int($1) }
            put(String(format: "%06o", sum), at: 148)
            header[154] = 0
            header[155] = 0x20
            output += header + content + [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
        }
        return output + [UInt8](repeating: 0, count: 1024)
    }

    /// A gzip stream of `content` in stored (uncompressed) deflate blocks.
    public static func gzip(_ content: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        var offset = 0
        repeat {
            let length = min(65_535, content.count - offset)
            let isFinal = offset + length == content.count
            output += [
                isFinal ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF),
                UInt8((~length >> 8) & 0xFF),
            ]
            output += content[offset..<(offset + length)]
            offset += length
        } while offset < content.count
        let crc = Data(content).crc32(checksum: 0)
        for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8((crc >> UInt32(shift)) & 0xFF)) }
        for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8((content.count >> shift) & 0xFF)) }
        return output
    }

    // MARK: Office documents

    static let contentTypes =
        #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#

    /// An xlsx: each sheet a name and rows of cells; a cell is a string (shared), a
    /// number written as given (`1.23456789018E+11`), or an inline string when it starts
    /// with `inline:`.
    public static func xlsx(_ sheets: [(String, [[String]])]) -> [UInt8] {
        var shared: [String] = []
        var entries: [(String, String)] = [("[Content_Types].xml", contentTypes)]
        var workbook =
            #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        var relations =
            #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for (index, (name, rows)) in sheets.enumerated() {
            workbook += #"<sheet name="\#(escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
            relations +=
                #"<Relationship Id="rId\#(index + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
            var sheet =
                #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            for (rowIndex, row) in rows.enumerated() {
                sheet += #"<row r="\#(rowIndex + 1)">"#
                for (column, cell) in row.enumerated() where !cell.isEmpty {
                    let reference = columnName(column) + "\(rowIndex + 1)"
                    if cell.hasPrefix("inline:") {
                        sheet +=
                            #"<c r="\#(reference)" t="inlineStr"><is><t>\#(escape(String(cell.dropFirst(7))))</t></is></c>"#
                    } else if Double(cell) != nil {
                        sheet += #"<c r="\#(reference)"><v>\#(cell)</v></c>"#
                    } else {
                        shared.append(cell)
                        sheet += #"<c r="\#(reference)" t="s"><v>\#(shared.count - 1)</v></c>"#
                    }
                }
                sheet += "</row>"
            }
            entries.append(("xl/worksheets/sheet\(index + 1).xml", sheet + "</sheetData></worksheet>"))
        }
        var strings =
            #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        for string in shared {
            // Japanese workbooks carry furigana after the text; it must not be scanned as text.
            strings += "<si><t>\(escape(string))</t><rPh sb=\"0\" eb=\"1\"><t>フリガナ</t></rPh></si>"
        }
        entries += [
            ("xl/workbook.xml", workbook + "</sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", relations + "</Relationships>"),
            ("xl/sharedStrings.xml", strings + "</sst>"),
        ]
        return zip(entries)
    }

    static func columnName(_ index: Int) -> String {
        var name = ""
        var value = index + 1
        while value > 0 {
            value -= 1
            name = String(UnicodeScalar(UInt8(65 + value % 26))) + name
            value /= 26
        }
        return name
    }

    static let wordNamespace = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#

    /// A paragraph whose text is split into the given runs, as Word splits it.
    public static func wordParagraph(_ runs: [String]) -> String {
        "<w:p>" + runs.map { "<w:r><w:t xml:space=\"preserve\">\(escape($0))</w:t></w:r>" }.joined() + "</w:p>"
    }

    /// A docx: body XML (paragraphs, tables), and optional header, footer, comment and
    /// footnote paragraphs.
    public static func docx(
        body: String, header: String? = nil, footer: String? = nil, comment: String? = nil,
        footnote: String? = nil
    ) -> [UInt8] {
        var entries: [(String, String)] = [("[Content_Types].xml", contentTypes)]
        let prolog = #"<?xml version="1.0" encoding="UTF-8"?>"#
        entries.append(
            ("word/document.xml", prolog + "<w:document \(wordNamespace)><w:body>\(body)</w:body></w:document>"))
        if let header { entries.append(("word/header1.xml", prolog + "<w:hdr \(wordNamespace)>\(header)</w:hdr>")) }
        if let footer { entries.append(("word/footer1.xml", prolog + "<w:ftr \(wordNamespace)>\(footer)</w:ftr>")) }
        if let comment {
            entries.append(
                (
                    "word/comments.xml",
                    prolog + "<w:comments \(wordNamespace)><w:comment w:id=\"0\">\(comment)</w:comment></w:comments>"
                ))
        }
        if let footnote {
            entries.append(
                (
                    "word/footnotes.xml",
                    prolog
                        + "<w:footnotes \(wordNamespace)><w:footnote w:id=\"1\">\(footnote)</w:footnote></w:footnotes>"
                ))
        }
        return zip(entries)
    }

    /// A pptx with one text per slide and optional notes.
    public static func pptx(slides: [String], notes: [Int: String] = [:]) -> [UInt8] {
        let namespace =
            #"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#
        var entries: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("ppt/presentation.xml", "<p:presentation \(namespace)/>"),
        ]
        func shape(_ text: String) -> String {
            "<p:sp><p:txBody><a:p><a:r><a:t>\(escape(text))</a:t></a:r></a:p></p:txBody></p:sp>"
        }
        for (index, text) in slides.enumerated() {
            entries.append(
                (
                    "ppt/slides/slide\(index + 1).xml",
                    "<p:sld \(namespace)><p:cSld><p:spTree>\(shape(text))</p:spTree></p:cSld></p:sld>"
                ))
        }
        for (number, text) in notes {
            entries.append(
                (
                    "ppt/notesSlides/notesSlide\(number).xml",
                    "<p:notes \(namespace)><p:cSld><p:spTree>\(shape(text))</p:spTree></p:cSld></p:notes>"
                ))
        }
        return zip(entries)
    }

    /// An ODF package (`odt`, `ods`, `odp`) with the given `content.xml` body.
    public static func odf(mimetype: String, body: String) -> [UInt8] {
        let content =
            #"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>\#(body)</office:body></office:document-content>"#
        return zip([("mimetype", mimetype), ("content.xml", content)], stored: true)
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
