import BangoTestSupport
import Foundation
import Testing

/// No output path shows a raw value unless `--reveal` asks: not the report in any
/// format, the manifest, the baseline, the audit store or its reports, the summary, the
/// progress line. The values looked for are every value the sample share's scan finds
/// (its text, PDF, Office, CSV in Shift_JIS, UTF-16, e-mail and nested zips), as
/// `--reveal` shows them and with separators removed.
@Suite struct NoLeakTests {
    @Test func noOutputPathShowsARawValue() throws {
        let cli = CLI()
        let key = ["BANGO_FINGERPRINT_KEY": "no-leak-test-key-0123456789abcdef"]
        let share = SampleShare.folder.path
        let revealed = try cli.run(["scan", "--reveal", "--format", "jsonl", share], environment: key)
        let values = try revealed.stdout.split(separator: "\n").compactMap { line -> String? in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["value"] as? String
        }
        #expect(values.count > 50, "the share's scan reveals what it found")
        let digits = values.map { String($0.filter(\.isNumber)) }.filter { $0.count >= 8 }
        let secrets = Set(values + digits).filter { $0.count >= 6 }.sorted()

        let tree = TemporaryTree()
        let out = tree.path
        var outputs: [(String, String)] = []
        for format in ["text", "jsonl", "csv", "sarif", "junit"] {
            let result = try cli.run(
                [
                    "scan", "--format", format, "--min-confidence", "low", "--progress", "-o",
                    "\(out)/report.\(format)", share,
                ],
                environment: key)
            #expect(result.status == 1, "\(format): \(result.status)")
            outputs.append(("\(format) report", try String(contentsOfFile: "\(out)/report.\(format)", encoding: .utf8)))
            outputs.append(("\(format) stderr with the progress line", result.stderr))
        }
        let stdout = try cli.run(["scan", "--min-confidence", "low", share], environment: key)
        outputs.append(("text on stdout", stdout.stdout))
        let side = try cli.run(
            [
                "scan", "--manifest", "\(out)/manifest.json", "--write-baseline", "\(out)/baseline.json", "--store",
                "\(out)/audit.db", share,
            ], environment: key)
        #expect(side.status == 0, "\(side.stderr)")
        outputs.append(("manifest", try String(contentsOfFile: "\(out)/manifest.json", encoding: .utf8)))
        outputs.append(("baseline", try String(contentsOfFile: "\(out)/baseline.json", encoding: .utf8)))
        for format in ["text", "csv", "json", "html"] {
            let report = try cli.run(["report", "--store", "\(out)/audit.db", "--format", format], environment: key)
            #expect(report.status == 0, "\(format): \(report.stderr)")
            outputs.append(("audit report, \(format)", report.stdout))
        }
        // The store file itself, with its write-ahead log folded in.
        _ = try cli.run(["runs", "prune", "--keep", "1", "--store", "\(out)/audit.db"], environment: key)
        let store = try Data(contentsOf: URL(fileURLWithPath: "\(out)/audit.db"))
        outputs.append(("audit store", String(decoding: store, as: UTF8.self)))

        for (name, text) in outputs {
            #expect(!text.isEmpty, "\(name) is empty")
            let leaked = RevealedValues.of(secrets, in: text)
            #expect(leaked.isEmpty, "\(name) shows \(leaked.count) raw values: \(leaked.prefix(5))")
        }
    }
}
