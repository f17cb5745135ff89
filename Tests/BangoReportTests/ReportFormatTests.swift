import BangoCore
import Foundation
import Testing

@testable import BangoReport

/// CSV, SARIF and JUnit: golden files for the layout, and the cases each format has its
/// own rules for (quoting, formula cells, XML escaping, the upload limit).
@Suite struct ReportFormatTests {
    let golden = ReporterGoldenTests()
    static let findings =
        ReporterGoldenTests.findings + [
            Finding(
                path: "=cmd|'/c calc'!A1.csv", line: 3, column: 4, detector: "email", confidence: .low,
                masked: "****.com", fingerprint: Fingerprint(hex: String(repeating: "0c", count: 32))!,
                commit: "0123456789abcdef0123456789abcdef01234567", authorDate: "2026-01-02T10:00:00+09:00")
        ]

    @Test func csvGolden() throws {
        let formatter = CSVFormatter()
        try golden.check(formatter.header + formatter.format(Self.findings), against: "findings.csv")
    }

    @Test func csvQuotesAndDefusesFormulaCells() {
        #expect(CSVFormatter.escape("plain") == "plain")
        #expect(CSVFormatter.escape("a,b") == "\"a,b\"")
        #expect(CSVFormatter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVFormatter.escape("two\r\nlines") == "\"two\r\nlines\"")
        #expect(CSVFormatter.escape("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVFormatter.escape("@x,y") == "\"'@x,y\"")
        #expect(CSVFormatter().header.starts(with: Array("path,member,line,".utf8)))
        #expect(String(decoding: CSVFormatter(reveal: true).header, as: UTF8.self).hasSuffix(",value\r\n"))
    }

    @Test func sarifGolden() throws {
        let report = SARIFReport(
            rules: [], toolVersion: "0.1.0", sourceRoot: "/work/スキャン", failures: ["gone.txt: not found"])
        try golden.check(report.render(Self.findings, cut: 0), against: "findings.sarif")
    }

    @Test func sarifKeepsTheMostSevereWithinTheUploadLimit() {
        let low = Self.findings[2]
        var high = Self.findings[0]
        high.path = "z-last.csv"
        let many = Array(repeating: low, count: SARIFReport.resultLimit) + [high]
        let (kept, cut) = SARIFReport.kept(many)
        #expect(cut == 1)
        #expect(kept.count == SARIFReport.resultLimit)
        #expect(kept.last?.path == "z-last.csv")
        let text = String(
            decoding: SARIFReport(rules: [], toolVersion: "0", sourceRoot: "/", failures: []).render([], cut: 3),
            as: UTF8.self)
        #expect(text.contains("3 findings left out"))
        #expect(SARIFReport.ruleName("jp.my_number") == "JpMyNumber")
        #expect(SARIFReport.percentEncoded("人事/a b.csv") == "%E4%BA%BA%E4%BA%8B/a%20b.csv")
    }

    @Test func junitGoldenWithSkippedAndFailedTargets() throws {
        let entries = [
            ManifestEntry(path: "share/人事/社員.csv", kind: "file", status: .scanned, bytes: 10, findings: 1),
            ManifestEntry(path: "share/book.xlsx", kind: "file", status: .scanned, bytes: 10, findings: 1),
            ManifestEntry(path: "share/clean.txt", kind: "file", status: .scanned, bytes: 10, findings: 0),
            ManifestEntry(path: "share/dump.bin", kind: "file", status: .skipped, reason: .binary),
            ManifestEntry(
                path: "share/locked.txt", kind: "file", status: .failed, reason: .unreadable,
                detail: "Permission denied"),
            ManifestEntry(
                path: "share/book.xlsx", kind: "member", status: .scanned, member: "xl/worksheets/sheet1.xml"),
        ]
        let xml = JUnitReport(entries: entries, seconds: 1.5).render(Self.findings)
        try golden.check(xml, against: "findings.junit.xml")
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("tests=\"5\" failures=\"2\" errors=\"1\" skipped=\"1\""))
        #expect(JUnitReport(entries: [], seconds: 0).escape("a<b>&\"\u{1}") == "a&lt;b&gt;&amp;&quot;\u{FFFD}")
    }
}
