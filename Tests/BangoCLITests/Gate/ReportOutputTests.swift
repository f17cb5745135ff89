import BangoCore
import BangoTestSupport
import Foundation
import Testing

/// `--format sarif|csv|junit` and `--output FILE` as a CI job uses them.
@Suite(.serialized) struct ReportOutputTests {
    let cli = CLI()
    let key = ["BANGO_FINGERPRINT_KEY": "cli-test-key-0123456789abcdef"]
    static let schema = CLI.packageRoot.appendingPathComponent("Tests/Schemas/sarif-schema-2.1.0.json").path

    /// Validates with Python's `jsonschema` (Debian's python3-jsonschema, or PyPI), which
    /// implements the schema's draft 4. Its absence fails the test: CI installs it.
    static func validate(sarif path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            document = json.load(open(sys.argv[2]))
            jsonschema.Draft4Validator.check_schema(schema)
            errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=str)
            for error in errors[:5]: print(list(error.path), error.message[:200])
            print("results", len(document["runs"][0]["results"]))
            sys.exit(1 if errors else 0)
            """, Self.schema, path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? text : "INVALID: " + text
    }

    @Test func sarifOfTheSampleShareValidatesAgainstTheOfficialSchema() throws {
        let tree = TemporaryTree()
        let report = tree.path + "/bango.sarif"
        let result = try cli.run(
            ["scan", "--format", "sarif", "--output", report, SampleShare.folder.path], environment: key)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let verdict = try Self.validate(sarif: report)
        #expect(verdict.hasPrefix("results "), "\(verdict)")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        let log = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let run = (log?["runs"] as? [[String: Any]])?.first
        let rules = ((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]
        // One rule per detector of the catalogue, whether or not it found anything.
        #expect(rules?.count == (try PatternPack.builtin().flatMap(\.detectors).count))
        let results = run?["results"] as? [[String: Any]] ?? []
        #expect(results.count == SampleShare.generate().expected.count)
        #expect(
            results.allSatisfy { ($0["partialFingerprints"] as? [String: String])?["bangoFingerprint/v1"]?.count == 64 }
        )
        // No raw value anywhere, even when asked to reveal them on stdout.
        let revealed = try cli.run(
            ["scan", "--reveal", "--format", "sarif", "-o", report, SampleShare.folder.path], environment: key)
        #expect(revealed.status == 1)
        let numbers = SampleShare.generate().files.values.flatMap { bytes in
            String(decoding: bytes, as: UTF8.self).split(whereSeparator: { !$0.isNumber }).map(String.init)
                .filter { $0.count == 12 }
        }
        #expect(RevealedValues.of(numbers, in: try String(contentsOfFile: report, encoding: .utf8)).isEmpty)
    }

    @Test func outputFilesArePrivateWholeAndReplaced() throws {
        let tree = TemporaryTree()
        let report = tree.write("out.csv", "old contents\n", mode: 0o644)
        var generator = SyntheticIdentifiers(seed: 3)  // a checksum-valid synthetic My Number
        tree.write("a.txt", "個人番号 \(generator.myNumber())\n")
        let result = try cli.run(["scan", "--format", "csv", "-o", report, tree.path + "/a.txt"], environment: key)
        #expect(result.status == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: report)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let rows = try String(contentsOfFile: report, encoding: .utf8).components(separatedBy: "\r\n")
        #expect(rows.first?.hasPrefix("path,member,line,column,detector") == true)
        #expect(rows.count == 3 && rows[1].contains(",jp.my_number,high,85,") && rows[2].isEmpty)
        // Nothing but the report is left in the folder: no temporary file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: tree.path).sorted() == ["a.txt", "out.csv"])
        let junit = try cli.run(["scan", "--format", "junit", tree.path + "/a.txt"], environment: key)
        #expect(junit.stdout.contains("<testcase classname=\"bango\" name=\"\(tree.path)/a.txt\""))
        #expect(junit.stdout.contains("<failure type=\"jp.my_number\""))
    }

    @Test func aDeviceOrPipeIsWrittenInPlaceNotReplaced() throws {
        let tree = TemporaryTree()
        tree.write("a.txt", "nothing here\n")
        // stdout is a pipe here: the manifest goes into it, and the pipe is not renamed over.
        let result = try cli.run(["scan", "-q", "--manifest", "/dev/stdout", tree.path], environment: key)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"scanned_files\": 1"))
        var info = stat()
        #expect(lstat("/dev/stdout", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.contains(".bango-") }.isEmpty)
    }

    @Test func anOutputPathThatCannotBeCreatedIsAnError() throws {
        let tree = TemporaryTree()
        tree.write("a.txt", "nothing here\n")
        let result = try cli.run(
            ["scan", "--format", "sarif", "-o", tree.path + "/no/such/folder/r.sarif", tree.path], environment: key)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot create"))
        let badFormat = try cli.run(["scan", "--format", "xml", tree.path], environment: key)
        #expect(badFormat.status == 2)
    }
}
