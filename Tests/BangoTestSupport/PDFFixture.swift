/// A small PDF writer for tests: one page per entry, ASCII pages in Helvetica and pages
/// with other text in a CID-keyed font (Identity-H) whose ToUnicode map gives the text
/// back, the way Japanese PDFs carry theirs. No font program is embedded: text
/// extraction reads the ToUnicode map, not the glyphs.
public enum PDFFixture {
    /// - Parameter brokenXref: write cross-reference offsets that point nowhere, as a
    ///   damaged PDF has; readers must rebuild the table.
    public static func make(pages: [String], brokenXref: Bool = false) -> [UInt8] {
        var objects: [String] = []  // object n is objects[n - 1]
        func add(_ body: String) -> Int {
            objects.append(body)
            return objects.count
        }
        let catalog = add("")  // filled in below
        let pagesObject = add("")
        let helvetica = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        // The CID font: every distinct character of the non-ASCII pages gets a CID.
        var cids: [Unicode.Scalar: Int] = [:]
        for page in pages where !page.unicodeScalars.allSatisfy(\.isASCII) {
            for scalar in page.unicodeScalars where cids[scalar] == nil { cids[scalar] = cids.count + 1 }
        }
        var cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        cmap += "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        cmap +=
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        cmap += "\(cids.count) beginbfchar\n"
        for (scalar, cid) in cids.sorted(by: { $0.value < $1.value }) {
            let units = String(scalar).utf16.map { hex($0) }.joined()
            cmap += "<\(hex(UInt16(cid)))> <\(units)>\n"
        }
        cmap += "endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
        let toUnicode = add("<< /Length \(cmap.utf8.count) >>\nstream\n\(cmap)endstream")
        let descriptor = add(
            "<< /Type /FontDescriptor /FontName /BangoTestGothic /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
        )
        let descendant = add(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /BangoTestGothic /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor \(descriptor) 0 R /DW 1000 >>"
        )
        let cidFont = add(
            "<< /Type /Font /Subtype /Type0 /BaseFont /BangoTestGothic /Encoding /Identity-H /DescendantFonts [\(descendant) 0 R] /ToUnicode \(toUnicode) 0 R >>"
        )
        var pageObjects: [Int] = []
        for page in pages {
            var content = "BT\n"
            for (index, line) in page.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                content += index == 0 ? "72 760 Td\n" : "0 -18 Td\n"
                if line.unicodeScalars.allSatisfy(\.isASCII) {
                    let escaped = line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                        of: "(", with: "\\("
                    )
                    .replacingOccurrences(of: ")", with: "\\)")
                    content += "/F1 12 Tf (\(escaped)) Tj\n"
                } else {
                    content +=
                        "/F2 12 Tf <" + line.unicodeScalars.map { hex(UInt16(cids[$0] ?? 0)) }.joined() + "> Tj\n"
                }
            }
            content += "ET\n"
            let stream = add("<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream")
            pageObjects.append(
                add(
                    "<< /Type /Page /Parent \(pagesObject) 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 \(helvetica) 0 R /F2 \(cidFont) 0 R >> >> /Contents \(stream) 0 R >>"
                ))
        }
        objects[catalog - 1] = "<< /Type /Catalog /Pages \(pagesObject) 0 R >>"
        objects[pagesObject - 1] =
            "<< /Type /Pages /Kids [\(pageObjects.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>"

        var output = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(output.count)
            output += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = output.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", brokenXref ? offset / 3 + 7 : offset) }
        table +=
            "trailer\n<< /Size \(objects.count + 1) /Root \(catalog) 0 R >>\nstartxref\n\(brokenXref ? xref + 11 : xref)\n%%EOF\n"
        return output + Array(table.utf8)
    }

    static func hex(_ value: UInt16) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([
            digits[Int(value >> 12)], digits[Int(value >> 8 & 0xF)], digits[Int(value >> 4 & 0xF)],
            digits[Int(value & 0xF)],
        ])
    }
}
