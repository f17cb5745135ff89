import BangoTestSupport
import Foundation
import Testing

/// What a gate lets through: `bango:allow` marks and baselines keyed by fingerprint.
@Suite(.serialized) struct SuppressionTests {
    let cli = CLI()
    let key = ["BANGO_FINGERPRINT_KEY": "cli-test-key-0123456789abcdef"]
    /// Synthetic, checksum-valid My Numbers (the generator computes the mod-11 check digit).
    let numbers: [String] = {
        var generator = SyntheticIdentifiers(seed: 47)
        return (0..<8).map { _ in generator.myNumber() }
    }()

    func lines(_ result: CLI.Result) -> [String] {
        result.stdout.split(separator: "\n").map { line in
            // `path:line:column  detector  …`: the place and the detector.
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let place = fields[0].split(separator: ":").prefix(2).joined(separator: ":")
            return place + " " + fields[1]
        }
    }

    @Test func allowMarksSuppressTheirLineOnlyForTheDetectorsTheyName() throws {
        let tree = TemporaryTree()
        tree.write(
            "notes.txt",
            """
            個人番号 \(numbers[0])  # bango:allow
            個人番号 \(numbers[1])  // bango:allow email
            個人番号 \(numbers[2])  <!-- bango:allow email, jp.my_number -->
            個人番号 \(numbers[3])  # bango:allowed is not a mark
            個人番号 \(numbers[4])
            連絡先 someone@example.com  # bango:allow jp.my_number

            """)
        let result = try cli.run(["scan", tree.path + "/notes.txt"], environment: key)
        #expect(result.status == 1)
        let path = tree.path + "/notes.txt"
        #expect(
            lines(result) == [
                "\(path):2 jp.my_number", "\(path):4 jp.my_number", "\(path):5 jp.my_number", "\(path):6 email",
            ])
        #expect(result.stderr.contains("suppressed 2 by bango:allow"))
        #expect(RevealedValues.of(numbers, in: result.combined).isEmpty)
    }

    @Test func allowMarksInsideArchiveMembersAreReportedWithANote() throws {
        let tree = TemporaryTree()
        tree.write("bundle.zip", bytes: Fixture.zip([("inner.txt", "個人番号 \(numbers[0])  # bango:allow\n")]))
        let result = try cli.run(["scan", tree.path], environment: key)
        #expect(result.status == 1)
        #expect(result.stdout.contains("bundle.zip!/inner.txt:1:"))
        #expect(result.stderr.contains("bango: note: 1 finding under a bango:allow mark inside an archive member"))
    }

    /// The proof: a baseline of the sample share, then a line moved and a new
    /// number added: only the new number is reported.
    @Test func baselineOfTheSampleShareSurvivesAMovedLine() throws {
        let tree = TemporaryTree()
        let share = tree.path + "/share"
        try FileManager.default.copyItem(atPath: SampleShare.folder.path, toPath: share)
        let baseline = tree.path + "/baseline.json"
        let written = try cli.run(
            ["scan", "--write-baseline", baseline, "share"], environment: key, directory: tree.path)
        #expect(written.status == 0)
        let file = try String(contentsOfFile: baseline, encoding: .utf8)
        let attributes = try FileManager.default.attributesOfItem(atPath: baseline)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let object = try JSONSerialization.jsonObject(with: Data(file.utf8)) as? [String: Any]
        let entries = object?["findings"] as? [[String: Any]] ?? []
        #expect(entries.count > 20)
        #expect(entries.allSatisfy { ($0["masked"] as? String)?.hasPrefix("*") == true })
        // The baseline names values only by fingerprint and mask.
        let sampleNumbers = SampleShare.generate().files.values.flatMap { bytes in
            String(decoding: bytes, as: UTF8.self).split(whereSeparator: { !$0.isNumber }).map(String.init)
                .filter { $0.count == 12 }
        }
        #expect(RevealedValues.of(sampleNumbers, in: file).isEmpty)

        let clean = try cli.run(["scan", "--baseline", baseline, "share"], environment: key, directory: tree.path)
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)

        // Move the CSV's first row to the end and add a new row with a new number.
        let csvPath = share + "/人事/社員名簿_2024.csv"
        var rows = try String(contentsOfFile: csvPath, encoding: .utf8).split(separator: "\n").map(String.init)
        rows.append(rows.remove(at: 1))
        rows.append("10099,新人 花子,開発部,2026/04/01,\(numbers[5]),090-1111-2222")
        try (rows.joined(separator: "\n") + "\n").write(toFile: csvPath, atomically: true, encoding: .utf8)
        let after = try cli.run(
            ["scan", "--format", "jsonl", "--baseline", baseline, "share"], environment: key, directory: tree.path)
        #expect(after.status == 1)
        let reported = after.stdout.split(separator: "\n")
        #expect(reported.count == 2)  // the new number, and its row's phone number
        #expect(reported.contains { $0.contains("\"line\":\(rows.count)") && $0.contains("jp.my_number") })
        #expect(after.stderr.contains("by the baseline"))
        #expect(!after.stderr.contains("not seen"))
    }

    @Test func staleEntriesAreCountedAndBadBaselinesAreErrors() throws {
        let tree = TemporaryTree()
        tree.write("a.txt", "個人番号 \(numbers[0])\n個人番号 \(numbers[1])\n")
        let baseline = tree.path + "/baseline.json"
        _ = try cli.run(["scan", "--write-baseline", baseline, "a.txt"], environment: key, directory: tree.path)
        tree.write("a.txt", "個人番号 \(numbers[0])\n")
        let stale = try cli.run(["scan", "--baseline", baseline, "a.txt"], environment: key, directory: tree.path)
        #expect(stale.status == 0)
        #expect(stale.stderr.contains("1 baseline entry not seen"))
        // A different fingerprint key: nothing matches, so everything is new.
        let otherKey = try cli.run(
            ["scan", "--baseline", baseline, "a.txt"], environment: ["BANGO_FINGERPRINT_KEY": "another-key-0123456789"],
            directory: tree.path)
        #expect(otherKey.status == 1)

        for (text, message) in [
            ("{", "not JSON"), ("{\"version\": 2, \"tool\": \"bango\", \"findings\": []}", "version 2"),
            ("{\"version\": 1, \"tool\": \"bango\"}", "missing \"findings\""),
            (
                "{\"version\": 1, \"tool\": \"bango\", \"findings\": [{\"detector\": \"x\", \"path\": \"a\", \"fingerprint\": \"zz\", \"masked\": \"*\"}]}",
                "no valid fingerprint"
            ),
        ] {
            tree.write("bad.json", text)
            let bad = try cli.run(["scan", "--baseline", "bad.json", "a.txt"], environment: key, directory: tree.path)
            #expect(bad.status == 2, "\(text)")
            #expect(bad.stderr.contains(message), "\(text)")
        }
        let missing = try cli.run(["scan", "--baseline", "nope.json", "a.txt"], environment: key, directory: tree.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read baseline nope.json"))
    }
}
