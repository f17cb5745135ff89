import Testing
@testable import BangoCore

@Suite struct TableHeaderTests {
    let worker: EngineWorker
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
        #expect(Set(levels(tsv, fileName: "vendors.tsv")) .allSatisfy { $0.hasSuffix("high") })
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
}
