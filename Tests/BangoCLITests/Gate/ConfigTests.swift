import BangoTestSupport
import Foundation
import Testing

/// `.bango.yaml`: found from the scanned path up to the repository's top, flags over
/// the file, and every mistake reported at its line.
@Suite(.serialized) struct ConfigTests {
    let cli = CLI()
    let key = ["BANGO_FINGERPRINT_KEY": "cli-test-key-0123456789abcdef"]
    /// Synthetic, checksum-valid My Numbers (the generator computes the mod-11 check digit).
    let numbers: [String] = {
        var generator = SyntheticIdentifiers(seed: 83)
        return (0..<4).map { _ in generator.myNumber() }
    }()

    /// The detectors of the findings in JSON Lines output, sorted.
    func detectors(_ result: CLI.Result) -> [String] {
        result.stdout.split(separator: "\n").compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["detector"] as? String
        }.sorted()
    }

    /// A repository in `tree/repo` holding a My Number and an e-mail address in `sub/`.
    func repository(_ tree: TemporaryTree) throws -> String {
        let repo = tree.path + "/repo"
        try FileManager.default.createDirectory(atPath: repo + "/.git", withIntermediateDirectories: true)
        tree.write("repo/sub/deep/people.txt", "個人番号 \(numbers[0])\n連絡先 someone@example.com\n")
        return repo
    }

    @Test func theNearestFileUpToTheRepositoryTopApplies() throws {
        let tree = TemporaryTree()
        let repo = try repository(tree)
        // Above the repository: never read.
        tree.write(".bango.yaml", "only: [email]\n")
        tree.write("repo/.bango.yaml", "skip: [email]\n")
        for directory in [repo, repo + "/sub", repo + "/sub/deep"] {
            let result = try cli.run(["scan", "--format", "jsonl", "."], environment: key, directory: directory)
            #expect(result.status == 1, "\(result.stderr)")
            #expect(detectors(result) == ["jp.my_number"], "from \(directory)")
        }
        let fromOutside = try cli.run(
            ["scan", "--format", "jsonl", "repo/sub"], environment: key, directory: tree.path)
        #expect(detectors(fromOutside) == ["jp.my_number"])
        let unconfigured = try cli.run(["scan", "--no-config", "--format", "jsonl", repo], environment: key)
        #expect(detectors(unconfigured) == ["email", "jp.my_number"])
        let chosen = try cli.run(
            ["scan", "--config", tree.path + "/.bango.yaml", "--format", "jsonl", repo], environment: key)
        #expect(detectors(chosen) == ["email"])
        // The nearest file wins over one further up.
        tree.write("repo/sub/.bango.yaml", "only: [email]\n")
        let nearest = try cli.run(["scan", "--format", "jsonl", "deep"], environment: key, directory: repo + "/sub")
        #expect(detectors(nearest) == ["email"])
    }

    @Test func flagsOverrideSingleValuesAndAddToLists() throws {
        let tree = TemporaryTree()
        let repo = try repository(tree)
        tree.write("repo/sub/deep/export.csv", "個人番号,\(numbers[1])\n")
        tree.write("repo/sub/deep/app.log", "個人番号 \(numbers[2])\n")
        tree.write("repo/.bango.yaml", "fail-on: never\nexclude: ['*.log']\nonly: jp\nskip: [jp.corporate_number]\n")
        let configured = try cli.run(["scan", "--format", "jsonl", "."], environment: key, directory: repo)
        #expect(configured.status == 0, "fail-on: never")
        #expect(detectors(configured) == ["jp.my_number", "jp.my_number"])
        let failing = try cli.run(
            ["scan", "--fail-on", "low", "--exclude", "*.csv", "--format", "jsonl", "."], environment: key,
            directory: repo)
        #expect(failing.status == 1)
        // Both excludes apply: only people.txt is left.
        #expect(detectors(failing) == ["jp.my_number"])
        let widened = try cli.run(
            ["scan", "--only", "email", "--format", "jsonl", "."], environment: key, directory: repo)
        #expect(detectors(widened) == ["email"])
    }

    @Test func packsAndTheBaselineAreFoundBesideTheFile() throws {
        let tree = TemporaryTree()
        let repo = try repository(tree)
        tree.write("repo/packs/acme.yaml", PatternsCLITests.employeePack)
        tree.write("repo/sub/deep/staff.txt", "社員番号 EMP-00123456\n")
        tree.write("repo/.bango.yaml", "patterns: [packs/acme.yaml]\nonly: [acme, email]\nbaseline: accepted.json\n")
        // Baselines key findings by the path reported, so one is written where it is read.
        // The config names it before it exists: writing it does not read it.
        let written = try cli.run(
            ["scan", "--only", "email", "--write-baseline", repo + "/accepted.json", "deep"],
            environment: key, directory: repo + "/sub")
        #expect(written.status == 0, "\(written.stderr)")
        let result = try cli.run(["scan", "--format", "jsonl", "deep"], environment: key, directory: repo + "/sub")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(detectors(result) == ["acme.employee_number"])
        #expect(result.stderr.contains("1 by the baseline"))
    }

    @Test func allowPathsCountWhatTheyAccept() throws {
        let tree = TemporaryTree()
        let repo = try repository(tree)
        tree.write("repo/tests/fixtures/people.csv", "個人番号,\(numbers[1])\n個人番号,\(numbers[2])\n")
        tree.write("repo/.bango.yaml", "allow-paths: ['tests/fixtures/**']\n")
        let manifest = tree.path + "/manifest.json"
        let result = try cli.run(
            ["scan", "--format", "jsonl", "--manifest", manifest, "."], environment: key, directory: repo)
        #expect(result.status == 1)
        #expect(detectors(result) == ["email", "jp.my_number"])
        #expect(!result.stdout.contains("fixtures"))
        #expect(result.stderr.contains("suppressed 2 in allow-paths"), "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest)))
        let suppressed = (object as? [String: Any])?["suppressed"] as? [String: Any]
        #expect(suppressed?["allow_paths"] as? Int == 2)
        #expect(RevealedValues.of(numbers, in: result.combined).isEmpty)
    }

    @Test(arguments: [
        ("fail-on: hihg\n", 1, "`fail-on` must be low, medium, high or never, not `hihg`"),
        ("min-confidence: medium\nmax-size: 3\n", 2, "unknown key `max-size` (known: min-confidence, fail-on,"),
        ("exclude:\n  - '*.log'\n  - [nested]\n", 3, "every item of `exclude` must be a non-empty string"),
        ("include: {a: b}\n", 1, "`include` must be a list of strings"),
        ("baseline: [a, b]\n", 1, "`baseline` must be a single value"),
        ("only: jp\nskip: email\nonly: ca\n", 3, "`only` is given twice"),
        ("skip: [email,\n", 2, "YAML syntax"),
        ("- only\n- jp\n", 1, "the top level must be a mapping of options"),
        ("fail-on: low\nonly: [jp, jp.my_numbr]\n", 2, "`only`: no detector or jurisdiction named `jp.my_numbr`"),
    ])
    func mistakesAreReportedAtTheirLine(yaml: String, line: Int, message: String) throws {
        let tree = TemporaryTree()
        let config = tree.write(".bango.yaml", yaml)
        tree.write("people.txt", "個人番号 \(numbers[0])\n")
        let result = try cli.run(["scan", "."], environment: key, directory: tree.path)
        #expect(result.status == 2)
        #expect(result.exitedNormally)
        #expect(result.stderr.contains("bango: \(config):\(line): \(message)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "no scan starts with a broken config")
    }

    @Test func unreadableOrConflictingConfigsAreErrors() throws {
        let tree = TemporaryTree()
        let folder = tree.path + "/cfg"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let notAFile = try cli.run(["scan", "--config", folder, tree.path], environment: key)
        #expect(notAFile.status == 2)
        #expect(notAFile.stderr.contains("bango: \(folder): cannot read"), "\(notAFile.stderr)")
        let missing = try cli.run(["scan", "--config", tree.path + "/none.yaml", tree.path], environment: key)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("none.yaml: cannot read"))
        let both = try cli.run(["scan", "--config", folder, "--no-config", tree.path], environment: key)
        #expect(both.status == 2)
        #expect(both.stderr.contains("--config and --no-config exclude each other"))
        // Two repositories, two configs, one run: which options hold is not guessed.
        for name in ["a", "b"] {
            try FileManager.default.createDirectory(
                atPath: "\(tree.path)/\(name)/.git", withIntermediateDirectories: true)
            tree.write("\(name)/.bango.yaml", "fail-on: high\n")
        }
        let conflicting = try cli.run(["scan", tree.path + "/a", tree.path + "/b"], environment: key)
        #expect(conflicting.status == 2)
        #expect(conflicting.stderr.contains("are governed by different config files"), "\(conflicting.stderr)")
    }

    @Test func initWritesAStarterWhoseExamplesAllWork() throws {
        let tree = TemporaryTree()
        let written = try cli.run(["init"], directory: tree.path)
        #expect(written.status == 0)
        let path = tree.path + "/.bango.yaml"
        let starter = try String(contentsOfFile: path, encoding: .utf8)
        #expect(starter.contains("# exclude:"))
        let again = try cli.run(["init"], directory: tree.path)
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists; --force replaces it"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == starter)
        #expect(try cli.run(["init", "--force", tree.path]).status == 0)

        // As written, it restates the defaults: the scan is as without it.
        tree.write("data/people.csv", "個人番号,\(numbers[0])\n")
        let plain = try cli.run(["scan", "--format", "jsonl", "data"], environment: key, directory: tree.path)
        #expect(plain.status == 1, "\(plain.stderr)")
        #expect(detectors(plain) == ["jp.my_number"])

        // Every commented example, uncommented, is a valid option.
        let examples = starter.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.wholeMatch(of: /# [a-z-]+: .*/) != nil ? String(line.dropFirst(2)) : String(line)
        }
        let uncommented = examples.joined(separator: "\n")
        #expect(uncommented.contains("\nallow-paths:"), "\(uncommented)")
        tree.write(".bango.yaml", uncommented)
        tree.write("bango-patterns/company.yaml", PatternsCLITests.employeePack)
        let baseline = try cli.run(
            ["scan", "--no-config", "--write-baseline", tree.path + "/.bango-baseline.json", "data"], environment: key,
            directory: tree.path)
        #expect(baseline.status == 0)
        let full = try cli.run(["scan", "--format", "jsonl", "data"], environment: key, directory: tree.path)
        #expect(full.status == 0, "\(full.stderr)")
        #expect(full.stderr.contains("1 by the baseline"), "\(full.stderr)")
    }
}
