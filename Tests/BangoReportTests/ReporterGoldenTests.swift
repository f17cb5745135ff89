import BangoCore
import Foundation
import Testing

@testable import BangoReport

/// Reporters are compared byte for byte with golden files in `Golden/`. To accept a
/// deliberate format change, run the tests with BANGO_UPDATE_GOLDEN=1 and review the diff.
@Suite struct ReporterGoldenTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")

    static let findings: [Finding] = [
        Finding(
            path: "share/人事/社員.csv", line: 2, column: 17, detector: "jp.my_number", confidence: .high,
            masked: "********9018", fingerprint: Fingerprint(hex: String(repeating: "ab", count: 32))!),
        Finding(
            path: "share/weird \"name\"\\x83.txt", line: 10, column: 1, detector: "jp.corporate_number",
            confidence: .medium, masked: "*********6246",
            fingerprint: Fingerprint(hex: String(repeating: "01", count: 32))!),
        Finding(
            path: "share/book.xlsx", member: "xl/worksheets/sheet1.xml", line: 1, column: 300,
            detector: "jp.my_number", confidence: .low, masked: "********0257",
            fingerprint: Fingerprint(hex: String(repeating: "ff", count: 32))!, location: "Sheet1!C12",
            encoding: "Shift_JIS"),
    ]

    func check(_ output: [UInt8], against name: String) throws {
        let url = Self.goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["BANGO_UPDATE_GOLDEN"] == "1" {
            try Data(output).write(to: url)
        }
        let golden = try Data(contentsOf: url)
        #expect(Array(golden) == output, "\(name) differs from its golden file")
    }

    @Test func text() throws {
        try check(TextFormatter().format(Self.findings), against: "findings.txt")
    }

    @Test func jsonLines() throws {
        let output = JSONLinesFormatter().format(Self.findings)
        try check(output, against: "findings.jsonl")
        // Every line is a JSON object with the contract's fields.
        for line in output.split(separator: UInt8(ascii: "\n")) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            for field in ["path", "line", "column", "detector", "confidence", "score", "masked", "fingerprint"] {
                #expect(object[field] != nil, "missing \(field)")
            }
            #expect(object["value"] == nil)
        }
    }

    @Test func revealAddsTheValueOnlyWhenPresent() throws {
        var revealed = Self.findings[0]
        revealed.revealedValue = "1234 5678 9018"
        let json = String(decoding: JSONLinesFormatter().format([revealed]), as: UTF8.self)
        #expect(json.contains("\"value\":\"1234 5678 9018\""))
        #expect(json.contains("\"masked\":\"********9018\""))
        let text = String(decoding: TextFormatter().format([revealed]), as: UTF8.self)
        #expect(text.hasSuffix("high  1234 5678 9018\n"))
    }

    @Test func jsonQuotingEscapesControlCharacters() {
        #expect(JSON.quote("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
    }

    @Test func summaryAndManifest() throws {
        let manifest = Manifest(keepsScannedEntries: false)
        let sink = ReportingSink(
            formatter: TextFormatter(), stream: OutputStream(fd: -1), minimumShown: .medium, failThreshold: .high)
        sink.write(Self.findings)
        #expect(sink.counts.shown == 2)
        #expect(sink.counts.failingFindingSeen)
        let summary = RunSummary(
            manifest: manifest, findingsByLevel: sink.counts.byLevel, shownFindings: sink.counts.shown, seconds: 1.5,
            minimumShown: .medium)
        try check(Array(summary.humanText.utf8), against: "summary.txt")
        try check(Array(summary.json.utf8), against: "manifest.json")
        #expect(try JSONSerialization.jsonObject(with: Data(summary.json.utf8)) is [String: Any])
    }

    /// The text report hides low findings by default; a scan that fails only on them
    /// says so, or a person would see exit 1 and nothing to act on.
    @Test func failingOnlyOnHiddenFindingsIsExplained() {
        let sink = ReportingSink(
            formatter: TextFormatter(), stream: OutputStream(fd: -1), minimumShown: .medium, failThreshold: .low)
        sink.write(Self.findings.filter { $0.confidence == .low })
        #expect(sink.counts.failingFindingSeen && !sink.counts.failingFindingShown)
        sink.write(Self.findings.filter { $0.confidence == .high })
        #expect(sink.counts.failingFindingShown)

        let summary = RunSummary(
            manifest: Manifest(keepsScannedEntries: false), findingsByLevel: [.low: 12_345], shownFindings: 0,
            seconds: 1, minimumShown: .medium, failingOnHiddenFindings: .low)
        let lines = summary.humanText.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let hidden = "; 12,345 low-confidence findings not shown; --min-confidence low lists them;"
        #expect(lines.first?.contains(hidden) == true)
        #expect(
            lines.last
                == "bango: exit 1 on findings at low or above that the report leaves out:"
                + " --min-confidence low lists them, --fail-on medium fails only on what is shown")
        #expect(RunSummary.grouped(999) == "999" && RunSummary.grouped(1_000) == "1,000")
        #expect(RunSummary.grouped(1_234_567) == "1,234,567" && RunSummary.grouped(0) == "0")
    }

    @Test func exitStatusPrecedence() {
        #expect(ExitStatus.forScan(failingFindings: false, failedTargets: 0, tolerateErrors: false) == .clean)
        #expect(ExitStatus.forScan(failingFindings: true, failedTargets: 0, tolerateErrors: false) == .findings)
        #expect(ExitStatus.forScan(failingFindings: true, failedTargets: 1, tolerateErrors: false) == .error)
        #expect(ExitStatus.forScan(failingFindings: false, failedTargets: 1, tolerateErrors: true) == .clean)
        #expect(ExitStatus.forScan(failingFindings: true, failedTargets: 1, tolerateErrors: true) == .findings)
    }

    @Test func privateFilesAreOwnerOnly() throws {
        let path = NSTemporaryDirectory() + "bango-private-\(UUID().uuidString)"
        defer { unlink(path) }
        FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644])
        try PrivateFile.write(Array("{}".utf8), to: path)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(throws: PrivateFile.WriteError.self) { try PrivateFile.write([1], to: "/nonexistent-dir/x") }
    }
}
