import BangoTestSupport
import Foundation
import Testing

/// A gate that passes because content went unscanned is worse than none: an archive
/// nested past `--max-archive-depth` (or an encrypted member) fails a gate with exit 2,
/// and a share sweep only when asked. The numbers are synthetic (check digit computed
/// by the generator).
@Suite(.serialized) struct FailOnSkipTests {
    let cli = CLI()
    let key = ["BANGO_FINGERPRINT_KEY": "cli-test-key-0123456789abcdef"]

    /// A My Number three zips deep.
    static func nested() -> Data {
        var generator = SyntheticIdentifiers(seed: 3)
        let csv = Array("氏名,個人番号\n山田,\(generator.myNumber())\n".utf8)
        var archive = Fixture.zip([("staff.csv", csv)])
        for level in 0..<2 { archive = Fixture.zip([("level\(level).zip", archive)]) }
        return Data(archive)
    }

    @Test func aGateFailsWhenAnArchiveIsNestedPastTheLimit() throws {
        let result = try cli.run(
            ["scan", "--max-archive-depth", "1", "-"], environment: key, standardInput: Self.nested())
        #expect(result.status == 2)
        #expect(result.stderr.contains("bango: exit 2: 1 target skipped with content unscanned ("))
        #expect(result.stderr.contains("--no-fail-on-skip to accept"))
        // Deep enough, the same input is scanned and its number found.
        let deep = try cli.run(["scan", "-"], environment: key, standardInput: Self.nested())
        #expect(deep.status == 1)
        #expect(deep.stdout.contains("jp.my_number"))
    }

    @Test func theGateCanAcceptTheSkip() throws {
        let result = try cli.run(
            ["scan", "--max-archive-depth", "1", "--no-fail-on-skip", "-"], environment: key,
            standardInput: Self.nested())
        #expect(result.status == 0)
        #expect(result.stderr.contains("skipped 1"))
    }

    @Test func aSweepNamesTheSkipAndFailsOnlyWhenAsked() throws {
        let tree = TemporaryTree()
        tree.write("backup.zip", bytes: Array(Self.nested()))
        let sweep = try cli.run(["scan", "--max-archive-depth", "1", tree.path], environment: key)
        #expect(sweep.status == 0)
        #expect(sweep.stderr.contains("skipped 1 ("))
        let asked = try cli.run(["scan", "--max-archive-depth", "1", "--fail-on-skip", tree.path], environment: key)
        #expect(asked.status == 2)
    }

    /// `--staged` is a gate too: a committed zip nested past the limit fails it, even with -q.
    @Test func aStagedArchivePastTheLimitFailsTheCommitGate() throws {
        let repository = try GitFixture()
        repository.write("README", "project\n")
        try repository.commitAll("first")
        repository.write("backup.zip", bytes: Array(Self.nested()))
        try repository.git("add", "backup.zip")
        let result = try cli.run(
            ["scan", "-q", "--staged", "--max-archive-depth", "1"], environment: key, directory: repository.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("skipped with content unscanned"))
    }
}
