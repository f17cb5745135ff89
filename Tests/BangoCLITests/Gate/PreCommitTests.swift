import BangoTestSupport
import Foundation
import Testing

/// The repository's `.pre-commit-hooks.yaml`, driven by the real `pre-commit` (from
/// PyPI; `.ci/run` installs it) in a throwaway repository, through `git commit` as a
/// developer would meet it.
@Suite(.serialized) struct PreCommitTests {
    let cli = CLI()
    /// Synthetic, checksum-valid My Numbers (the generator computes the mod-11 check digit).
    let numbers: [String] = {
        var generator = SyntheticIdentifiers(seed: 91)
        return (0..<2).map { _ in generator.myNumber() }
    }()

    static let hooksFile = CLI.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml")

    /// How to run pre-commit: the `pre-commit` on PATH, else `python3 -m pre_commit` (pip
    /// may put its scripts off PATH); nil when neither works.
    static let preCommit: (binary: String, leading: [String])? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        if let path = folders.map({ "\($0)/pre-commit" }).first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) {
            return (path, [])
        }
        let module = (binary: "/usr/bin/env", leading: ["python3", "-m", "pre_commit"])
        let probe = try? CLI().run(module.leading + ["--version"], binary: module.binary)
        return probe?.status == 0 ? module : nil
    }()

    /// A repository holding only the hooks file, as a project would find it at the URL
    /// and rev it names.
    func hooksRepository() throws -> (fixture: GitFixture, rev: String) {
        let hooks = try GitFixture()
        hooks.write(".pre-commit-hooks.yaml", try String(contentsOf: Self.hooksFile, encoding: .utf8))
        return (hooks, try hooks.commitAll("hooks"))
    }

    @Test func aCommitAddingAMyNumberIsRefusedAndACleanOneGoesThrough() throws {
        guard let preCommit = Self.preCommit else {
            Issue.record("pre-commit is not on PATH: `python3 -m pip install pre-commit` (as .ci/run does)")
            return
        }
        let (hooks, rev) = try hooksRepository()
        let project = try GitFixture()
        let cache = project.tree.path + "-pre-commit-cache"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let binFolder = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path
        let environment = [
            "PATH": binFolder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "PRE_COMMIT_HOME": cache, "BANGO_FINGERPRINT_KEY": "cli-test-key-0123456789abcdef",
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        ]
        project.write(
            ".pre-commit-config.yaml",
            """
            repos:
              - repo: \(hooks.path)
                rev: \(rev)
                hooks:
                  - id: bango-system

            """)
        project.write("README.md", "A project.\n")
        try project.commitAll("start")
        let installed = try cli.run(
            preCommit.leading + ["install"], environment: environment, binary: preCommit.binary,
            directory: project.path)
        #expect(installed.status == 0, "\(installed.combined)")

        let git = "/usr/bin/git"
        project.write("staff.csv", "name,個人番号\nsomeone,\(numbers[0])\n")
        #expect(
            try cli.run(["add", "staff.csv"], environment: environment, binary: git, directory: project.path).status
                == 0)
        let refused = try cli.run(
            ["commit", "-m", "add staff"], environment: environment, binary: git, timeout: 300, directory: project.path)
        #expect(refused.status != 0, "\(refused.combined)")
        #expect(refused.combined.contains("Failed"), "\(refused.combined)")
        #expect(refused.combined.contains("staff.csv:2:"), "\(refused.combined)")
        #expect(refused.combined.contains("jp.my_number"))
        #expect(refused.combined.contains("********" + numbers[0].suffix(4)))
        #expect(RevealedValues.of(numbers, in: refused.combined).isEmpty)
        #expect(try project.git("log", "--format=%s").split(separator: "\n") == ["start"])

        try project.git("rm", "-q", "--cached", "staff.csv")
        project.write("notes.md", "Nothing personal here.\n")
        try project.git("add", "notes.md")
        let clean = try cli.run(
            ["commit", "-m", "notes"], environment: environment, binary: git, timeout: 300, directory: project.path)
        #expect(clean.status == 0, "\(clean.combined)")
        #expect(clean.combined.contains("Passed"), "\(clean.combined)")
        #expect(try project.git("log", "--format=%s").split(separator: "\n") == ["notes", "start"])
    }

    @Test func preCommitAcceptsTheHooksFile() throws {
        guard let preCommit = Self.preCommit else {
            Issue.record("pre-commit is not on PATH: `python3 -m pip install pre-commit` (as .ci/run does)")
            return
        }
        let result = try cli.run(
            preCommit.leading + ["validate-manifest", Self.hooksFile.path], binary: preCommit.binary)
        #expect(result.status == 0, "\(result.combined)")
        let text = try String(contentsOf: Self.hooksFile, encoding: .utf8)
        // Both hooks read the index, not the file names pre-commit would pass.
        #expect(text.components(separatedBy: "entry: bango scan --staged\n").count == 3)
        #expect(text.components(separatedBy: "pass_filenames: false\n").count == 3)
    }
}
