import Foundation
import Testing

@Suite(.serialized) struct PatternsCLITests {
    let cli = CLI()
    let key = ["BANGO_FINGERPRINT_KEY": "cli-test-key-0123456789abcdef"]

    static let employeePack = """
        pack: acme
        detectors:
          - id: acme.employee_number
            name: ACME employee number
            jurisdiction: acme
            trigger:
              min_digits: 8
              lookbehind: 4
            regex: '(?<![A-Za-z0-9])EMP-(?<value>[0-9]{8})(?![0-9])'
            value_group: value
            keywords: [社員番号, employee number]
            confidence:
              with_keyword: medium
              without_keyword: none
            examples:
              - { text: "社員番号 EMP-00123456", expect: medium }
              - { text: "EMP-00123456", expect: none }
        """

    @Test func aUserPackAddsADetector() throws {
        let tree = TemporaryTree()
        let pack = tree.write("packs/acme.yaml", Self.employeePack)
        tree.write("data/list.txt", "社員番号 EMP-00123456\n")
        tree.write("data/other.txt", "EMP-00999999\n")  // no keyword: not reported
        let result = try cli.run(
            ["scan", "--patterns", tree.path + "/packs", "--only", "acme", "--format", "jsonl", tree.path + "/data"],
            environment: key)
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stdout.contains("\"detector\":\"acme.employee_number\""))
        #expect(result.stdout.contains("\"masked\":\"****3456\""))
        let listed = try cli.run(["patterns", "list", "--patterns", pack, "--only", "acme"])
        #expect(listed.stdout.contains("acme.employee_number"))
        #expect(!listed.stdout.contains("jp.my_number"))
        let tested = try cli.run(["patterns", "test", pack])
        #expect(tested.status == 0)
        #expect(tested.stdout.contains("2 passed, 0 failed"))
    }

    @Test(arguments: [
        (
            "regex: '(?<![A-Za-z0-9])EMP-(?<value>[0-9]{8})(?![0-9])'", "regex: '(EMP-[0-9]{8}'",
            "regex does not compile"
        ),
        (
            "regex: '(?<![A-Za-z0-9])EMP-(?<value>[0-9]{8})(?![0-9])'", "regex: '(?<value>([0-9]+)+)$'",
            "backtracks catastrophically"
        ),
        ("    trigger:", "    validator: mod13\\n    trigger:", "unknown validator"),
        ("    name: ACME employee number\\n", "", "missing field `name`"),
        ("pack: acme", "pack: [acme", "YAML syntax"),
        ("acme.employee_number", "jp.my_number", "duplicate detector id"),
    ])
    func brokenPacksAreRejectedWithTheirLocation(_ original: String, _ replacement: String, _ message: String) throws {
        let tree = TemporaryTree()
        let broken = Self.employeePack.replacingOccurrences(
            of: original.replacingOccurrences(of: "\\n", with: "\n"),
            with: replacement.replacingOccurrences(of: "\\n", with: "\n"))
        #expect(broken != Self.employeePack)
        let pack = tree.write("bad.yaml", broken)
        tree.write("data.txt", "nothing\n")
        let result = try cli.run(["scan", "--patterns", pack, tree.path + "/data.txt"], environment: key, timeout: 60)
        #expect(result.status == 2)
        #expect(result.stderr.contains(pack), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func failingExamplesFailTheTest() throws {
        let tree = TemporaryTree()
        let pack = tree.write(
            "wrong.yaml", Self.employeePack.replacingOccurrences(of: "expect: medium", with: "expect: high"))
        let result = try cli.run(["patterns", "test", pack])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL [acme.employee_number]"))
        #expect(result.stdout.contains("1 passed, 1 failed"))
    }

    @Test func missingPackPathsAreErrors() throws {
        let result = try cli.run(["scan", "--patterns", "/nonexistent/packs", "/tmp"], environment: key)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no such pattern pack"))
    }

    @Test func builtinPacksPassTheirOwnTests() throws {
        let result = try cli.run(["patterns", "test"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(" 0 failed"))
    }
}
