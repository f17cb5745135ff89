import BangoTestSupport
import Foundation
import Testing

/// `bango scan -` and `/dev/stdin`: standard input is one target, so that a pipeline
/// (`git show REV:path | bango scan -`) can be gated like a file.
@Suite(.serialized) struct StandardInputTests {
    let cli = CLI()
    let key = ["BANGO_FINGERPRINT_KEY": "cli-test-key-0123456789abcdef"]

    /// A CSV with one synthetic My Number (check digit computed by the generator).
    func staffTable() -> (Data, String) {
        var generator = SyntheticIdentifiers(seed: 7)
        let number = generator.myNumber()
        return (Data("社員番号,氏名,個人番号\n1001,ヤマダ,\(number)\n".utf8), number)
    }

    @Test func dashScansStandardInputAsOneMaskedTarget() throws {
        let (input, number) = staffTable()
        let result = try cli.run(["scan", "-"], environment: key, standardInput: input)
        #expect(result.status == 1)
        #expect(result.stdout.contains("<stdin>:2:"))
        #expect(result.stdout.contains("jp.my_number"))
        let leaked = RevealedValues.of([number], in: result.stdout + result.stderr)
        #expect(leaked.isEmpty)
    }

    @Test func stdinNameLabelsTheFindings() throws {
        let (input, _) = staffTable()
        let result = try cli.run(
            ["scan", "--stdin-name", "hr/staff.csv", "/dev/stdin"], environment: key, standardInput: input)
        #expect(result.status == 1)
        #expect(result.stdout.contains("hr/staff.csv:2:"))
        #expect(!result.stdout.contains("<stdin>"))
    }

    @Test func emptyStandardInputIsCleanNotAnError() throws {
        let result = try cli.run(["scan", "-"], environment: key, standardInput: Data())
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }
}
