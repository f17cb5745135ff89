import BangoTestSupport
import Foundation
import Testing

@testable import BangoCore

@Suite struct TableHeaderTests {
    let worker: DetectionSession
    init() throws { worker = try makeWorker() }

    func levels(_ text: String, fileName: String) -> [String] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            let table = worker.tableHeader(fileName: Array(fileName.utf8), head: raw)
            return worker.scan(raw, reportRange: 0..<raw.count, table: table).detections
                .map { "\($0.lineOffset + 1):\($0.confidence)" }
        }
    }

    /// Rows far below the header are still backed by the column's name.
    @Test func aHeaderNamesItsColumnForEveryRow() {
        var generator = SyntheticIdentifiers(seed: 8)
        var csv = "id,name,\"個人番号\",memo\n"
        for row in 0..<200 {
            csv += "\(row),\"Yamada, Taro\",\(generator.myNumber()),\(generator.myNumber())\n"
        }
        let found = levels(csv, fileName: "export.CSV")
        // Column 3 (the header's) is high on every row; column 4 is low far from it.
        #expect(found.count == 400)
        #expect(found.filter { $0.hasSuffix("high") }.count >= 200)
        #expect(found.last == "201:low")
        #expect(found[found.count - 2] == "201:high")
    }

    @Test func tabsAndOtherDetectors() {
        var generator = SyntheticIdentifiers(seed: 9)
        var tsv = "会社名\t法人番号\n"
        for _ in 0..<100 { tsv += "株式会社テスト\t\(generator.corporateNumber())\n" }
        #expect(Set(levels(tsv, fileName: "vendors.tsv")).allSatisfy { $0.hasSuffix("high") })
        // Without a table name the same content is medium after the first rows.
        #expect(levels(tsv, fileName: "vendors.txt").last?.hasSuffix("medium") == true)
    }

    @Test func headersThatNameNothingAreIgnored() {
        let head = Array("a,b,c\n1,2,3\n".utf8)
        let table = head.withUnsafeBytes { worker.tableHeader(fileName: Array("x.csv".utf8), head: $0) }
        #expect(table == nil)
        let noLine = Array("個人番号,b".utf8)
        #expect(noLine.withUnsafeBytes { worker.tableHeader(fileName: Array("x.csv".utf8), head: $0) } == nil)
    }

    /// A first line holding a long number is a data row, not a header, even when it holds
    /// a keyword: a sheet of free text whose first record is `法人番号 …` names no column.
    @Test func aFirstLineHoldingANumberIsData() {
        func header(_ text: String) -> TableHeader? {
            Array(text.utf8).withUnsafeBytes { worker.tableHeader(fileName: Array("x.csv".utf8), head: $0) }
        }
        #expect(header("法人番号 5835678256246\nlog\n") == nil)
        #expect(header("法人番号 ５８３５６７８２５６２４６\nlog\n") == nil)
        #expect(header("氏名,個人番号(12桁),入社2024\n山田,1\n") != nil)
    }

    /// Codice fiscale values python-stdnum accepts and rejects (synthetic; see the vectors).
    static func codiciFiscali() throws -> (valid: [String], invalid: [String]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Vectors/it_codice_fiscale.tsv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t").map(String.init) }
        return (rows.filter { $0[0] == "valid" }.map { $0[1] }, rows.filter { $0[0] == "invalid" }.map { $0[1] })
    }

    /// The word-triggered detectors read a column their header names, where the words
    /// are in the header and not beside each value.
    @Test func aHeaderNamesTheColumnOfAWordTriggeredDetector() throws {
        let (valid, invalid) = try Self.codiciFiscali()
        var csv = "nome,id,Codice Fiscale,note\n"
        for row in 0..<30 { csv += "Rossi,\(row),\"\(valid[row])\",\(valid[row + 30])\n" }
        csv += "Bianchi,99,\(invalid[0]),\n"
        let found = detections(csv, fileName: "dipendenti.csv")
        // Column 3 only: the header names it; column 4 has no header word and no trigger.
        #expect(found.count == 30)
        #expect(found.allSatisfy { $0.detectorID == "it.codice_fiscale" && $0.confidence == .high })
        #expect(found.map(\.lineOffset) == Array(1...30))
        // The same rows in a file that is not a table: nothing (no words beside the values).
        #expect(detections(csv, fileName: "dipendenti.txt").isEmpty)
    }

    @Test func anIdentityCardColumnInATabSeparatedSheet() {
        let tsv = "Name\tAusweisnummer\n" + "Müller\tL01X00T471\n" + "Schmidt\tL01X00T472\n" + "Weber\tT220001293\n"
        let found = detections(tsv, fileName: "sheet.tsv")
        #expect(
            found.map { "\($0.detectorID) \($0.masked) \($0.lineOffset)" } == [
                "de.id_card ******T471 1", "de.id_card ******1293 3",
            ])
    }

    @Test func columnsAreReadInEveryChunkOnce() throws {
        // Split anywhere, each row is read by the chunk its line starts in.
        let (valid, _) = try Self.codiciFiscali()
        var csv = "Codice fiscale\n"
        for row in 0..<40 { csv += "\(valid[row])\n" }
        let bytes = Array(csv.utf8)
        let table = bytes.withUnsafeBytes { worker.tableHeader(fileName: Array("a.csv".utf8), head: $0) }
        for cut in stride(from: 1, to: bytes.count, by: 7) {
            let starts = bytes.withUnsafeBytes { raw in
                [0..<cut, cut..<raw.count].flatMap { range in
                    worker.scan(raw, reportRange: range, table: table).detections.map(\.byteRange.lowerBound)
                }
            }
            #expect(starts.count == 40 && Set(starts).count == 40, "cut at \(cut)")
        }
    }

    func detections(_ text: String, fileName: String) -> [Detection] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            let table = worker.tableHeader(fileName: Array(fileName.utf8), head: raw)
            return worker.scan(raw, reportRange: 0..<raw.count, table: table).detections
        }
    }
}
