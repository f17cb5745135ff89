import BangoTestSupport
import Foundation
import Testing

/// `--staged`, `--diff` and `--git-history` against real repositories built with git:
/// only added lines are reported, blobs go through the same pipeline as files, and
/// mistakes (no repository, a bad revision) are errors with exit code 2.
@Suite(.serialized) struct GitScanTests {
    let cli = CLI()
    let key = ["BANGO_FINGERPRINT_KEY": "cli-test-key-0123456789abcdef"]
    /// Synthetic, checksum-valid My Numbers (the generator computes the mod-11 check digit).
    let numbers: [String] = {
        var generator = SyntheticIdentifiers(seed: 31)
        return (0..<6).map { _ in generator.myNumber() }
    }()

    func scan(_ arguments: [String], in repository: GitFixture) throws -> CLI.Result {
        try cli.run(["scan", "--format", "jsonl", "-q"] + arguments, environment: key, directory: repository.path)
    }

    /// The findings of a JSON Lines output, as (path, line, commit) triples.
    func places(_ result: CLI.Result) -> [String] {
        result.stdout.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let path = object["path"] as? String, let number = object["line"] as? Int
            else { return nil }
            return "\(path):\(number)" + ((object["commit"] as? String).map { "@" + $0 } ?? "")
        }
    }

    @Test func stagedScansTheIndexNotTheWorkingTree() throws {
        let repository = try GitFixture()
        repository.write("notes.txt", "meeting notes\n")
        try repository.commitAll("first")
        repository.write("notes.txt", "meeting notes\n個人番号 \(numbers[0])\n")
        try repository.git("add", "notes.txt")
        // Changed again after staging: the working tree's new line is not what is committed.
        repository.write("notes.txt", "meeting notes\n個人番号 \(numbers[0])\nマイナンバー \(numbers[1])\n")
        let result = try scan(["--staged"], in: repository)
        #expect(result.status == 1)
        #expect(places(result) == ["notes.txt:2"])
        #expect(RevealedValues.of(numbers, in: result.combined).isEmpty)
    }

    @Test func stagedReportsOnlyAddedLinesAndPassesWhenCleanLinesAreAdded() throws {
        let repository = try GitFixture()
        repository.write("staff.csv", "社員番号,個人番号\n1001,\(numbers[0])\n")
        try repository.commitAll("staff")
        repository.write("staff.csv", "社員番号,個人番号\n1001,\(numbers[0])\n1002,pending\n")
        try repository.git("add", "staff.csv")
        let clean = try scan(["--staged"], in: repository)
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
        repository.write("staff.csv", "社員番号,個人番号\n1001,\(numbers[0])\n1002,\(numbers[2])\n")
        try repository.git("add", "staff.csv")
        let dirty = try scan(["--staged"], in: repository)
        #expect(dirty.status == 1)
        // The header two lines up still makes it a high-confidence finding.
        #expect(places(dirty) == ["staff.csv:3"])
        #expect(dirty.stdout.contains("\"confidence\":\"high\""))
    }

    @Test func stagedWorksBeforeTheFirstCommitAndHonoursPathspecs() throws {
        let repository = try GitFixture()
        repository.write("a/one.txt", "個人番号 \(numbers[0])\n")
        repository.write("b/two.txt", "個人番号 \(numbers[1])\n")
        try repository.git("add", "-A")
        #expect(places(try scan(["--staged"], in: repository)).sorted() == ["a/one.txt:1", "b/two.txt:1"])
        #expect(places(try scan(["--staged", "b"], in: repository)) == ["b/two.txt:1"])
        #expect(places(try scan(["--staged", "--exclude", "a"], in: repository)) == ["b/two.txt:1"])
    }

    @Test func pathspecsAreRelativeToTheFolderBangoRunsIn() throws {
        let repository = try GitFixture()
        repository.write("docs/hr/a.txt", "個人番号 \(numbers[0])\n")
        repository.write("hr/b.txt", "個人番号 \(numbers[1])\n")
        try repository.git("add", "-A")
        // From docs/, `hr` is docs/hr, as it is to git; reported paths stay root-relative.
        let result = try cli.run(
            ["scan", "--format", "jsonl", "-q", "--staged", "hr"], environment: key,
            directory: repository.path + "/docs")
        #expect(places(result) == ["docs/hr/a.txt:1"])
    }

    @Test func diffReportsLinesAddedSinceARevision() throws {
        let repository = try GitFixture()
        repository.write("log.txt", "個人番号 \(numbers[0])\n")
        let base = try repository.commitAll("base")
        repository.write("log.txt", "個人番号 \(numbers[0])\nok\n個人番号 \(numbers[1])\n")
        let next = try repository.commitAll("next")
        // Uncommitted, in the working tree: `--diff REV` compares the working tree.
        repository.write("log.txt", "個人番号 \(numbers[0])\nok\n個人番号 \(numbers[1])\n個人番号 \(numbers[2])\n")
        #expect(places(try scan(["--diff", base], in: repository)) == ["log.txt:3", "log.txt:4"])
        #expect(places(try scan(["--diff", "HEAD"], in: repository)) == ["log.txt:4"])
        #expect(places(try scan(["--diff", "\(base)..\(next)"], in: repository)) == ["log.txt:3"])
        #expect(places(try scan(["--diff", "HEAD~1...HEAD"], in: repository)) == ["log.txt:3"])
    }

    @Test func renamesAndDeletionsAddNothing() throws {
        let repository = try GitFixture()
        repository.write("old/name.txt", "個人番号 \(numbers[0])\n")
        repository.write("gone.txt", "個人番号 \(numbers[1])\n")
        let base = try repository.commitAll("base")
        try repository.git("mv", "old/name.txt", "new-name.txt")
        try repository.git("rm", "-q", "gone.txt")
        try repository.commitAll("move and delete")
        let moved = try scan(["--diff", "\(base)..HEAD"], in: repository)
        #expect(moved.status == 0)
        #expect(places(moved).isEmpty)
        // A rename with an edit reports the added line under the new path.
        repository.write("new-name.txt", "個人番号 \(numbers[0])\n個人番号 \(numbers[2])\n")
        try repository.git("mv", "new-name.txt", "renamed.txt")
        try repository.git("add", "-A")
        #expect(places(try scan(["--staged"], in: repository)) == ["renamed.txt:2"])
    }

    @Test func historyCarriesCommitAndAuthorDateForANumberLaterRemoved() throws {
        let repository = try GitFixture()
        repository.write("README", "hello\n")
        try repository.commitAll("init")
        repository.write("config/users.txt", "admin\nマイナンバー \(numbers[3])\n")
        let leaked = try repository.commitAll("add users")
        repository.write("config/users.txt", "admin\n")
        try repository.commitAll("remove the number")
        let result = try scan(["--git-history"], in: repository)
        #expect(result.status == 1)
        #expect(places(result) == ["config/users.txt:2@\(leaked)"])
        #expect(result.stdout.contains("\"author_date\":\"2026-01-02T10:00:00+09:00\""))
        // The working tree no longer has it: a folder scan finds nothing.
        let sweep = try cli.run(["scan", "-q", "."], environment: key, directory: repository.path)
        #expect(sweep.status == 0)
        // A range limits the commits, and a path after it the files.
        #expect(places(try scan(["--git-history", "\(leaked)..HEAD"], in: repository)).isEmpty)
        #expect(places(try scan(["--git-history", "HEAD~2..HEAD", "config"], in: repository)).count == 1)
        #expect(places(try scan(["--git-history", "README"], in: repository)).isEmpty)
    }

    @Test func binaryBlobsFollowTheFilePolicyAndContainersAreOpened() throws {
        let repository = try GitFixture()
        repository.write("dump.bin", bytes: [0, 1, 2] + Array("個人番号 \(numbers[0])".utf8))
        repository.write("export.csv.gz", bytes: Fixture.gzip(Array("個人番号,氏名\n\(numbers[1]),ヤマダ\n".utf8)))
        try repository.git("add", "-A")
        let manifest = repository.tree.path + "/../manifest-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: manifest) }
        let result = try scan(["--staged", "--manifest", manifest], in: repository)
        #expect(places(result) == ["export.csv.gz:2"])
        let report = try String(contentsOfFile: manifest, encoding: .utf8)
        #expect(
            report.contains(
                "\"path\": \"dump.bin\", \"kind\": \"file\", \"status\": \"skipped\", \"reason\": \"binary\""))
        let binary = try scan(["--staged", "--binary"], in: repository)
        #expect(places(binary).sorted() == ["dump.bin:1", "export.csv.gz:2"])
    }

    @Test func blobsOverTheSizeLimitAreSkippedAsTooLarge() throws {
        let repository = try GitFixture()
        repository.write("big.txt", String(repeating: "x", count: 4096) + "\n個人番号 \(numbers[0])\n")
        try repository.git("add", "-A")
        let result = try cli.run(
            ["scan", "--staged", "--max-filesize", "1K"], environment: key, directory: repository.path)
        #expect(result.status == 0)
        #expect(result.stderr.contains("skipped 1 (larger than --max-filesize: 1)"))
    }

    @Test func outsideARepositoryOrWithABadRevisionIsAnError() throws {
        let folder = TemporaryTree()
        let outside = try cli.run(["scan", "--staged"], environment: key, directory: folder.path)
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("not a git repository"))
        let repository = try GitFixture()
        repository.write("a.txt", "a\n")
        try repository.commitAll("a")
        // A revision that looks like an option is a revision to git, never an option.
        for revision in ["no-such-branch", "HEAD..no-such-branch", "--output=/tmp/x"] {
            let bad = try cli.run(["scan", "--diff=\(revision)"], environment: key, directory: repository.path)
            #expect(bad.status == 2, "\(revision)")
            #expect(bad.stderr.contains("unknown revision"), "\(revision)")
        }
        let mixed = try cli.run(["scan", "--staged", "--diff", "HEAD"], environment: key, directory: repository.path)
        #expect(mixed.status == 2)
    }

    @Test func gitShowPipedIntoStandardInputIsScanned() throws {
        let repository = try GitFixture()
        repository.write("hr/staff.csv", "個人番号\n\(numbers[4])\n")
        try repository.commitAll("staff")
        let blob = try repository.git("show", "HEAD:hr/staff.csv")
        let result = try cli.run(
            ["scan", "--format", "jsonl", "-q", "--stdin-name", "hr/staff.csv", "-"], environment: key,
            standardInput: Data(blob.utf8))
        #expect(places(result) == ["hr/staff.csv:2"])
    }
}
