import BangoTestSupport
import Foundation
import Testing

/// The README's GitHub Actions example: its scan step, as written there, run by a shell
/// in a clone whose pull-request branch left `main` before `main` moved on.
@Suite(.serialized) struct ActionsExampleTests {
    let cli = CLI()
    /// Synthetic, checksum-valid My Numbers (the generator computes the mod-11 check digit).
    let numbers: [String] = {
        var generator = SyntheticIdentifiers(seed: 57)
        return (0..<3).map { _ in generator.myNumber() }
    }()

    static let readme = CLI.packageRoot.appendingPathComponent("README.md")

    /// The scan step's command line, with the workflow's expressions filled in.
    func scanStep(baseRef: String) throws -> String? {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.contains("/bango\" scan --diff") }) else {
            return nil
        }
        return line.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "\"$RUNNER_TEMP/bango/.build/release/bango\"", with: "'\(CLI.binary)'")
            .replacingOccurrences(of: "${{ github.base_ref }}", with: baseRef)
    }

    @Test func theScanStepReportsOnlyWhatTheBranchAddedAsValidSARIF() throws {
        guard let command = try scanStep(baseRef: "main") else {
            Issue.record(
                "README has no GitHub Actions scan step (`\"$RUNNER_TEMP/bango/.build/release/bango\" scan --diff …`)")
            return
        }
        let upstream = try GitFixture()
        upstream.write("hr/old.csv", "個人番号\n\(numbers[0])\n")
        try upstream.commitAll("base")
        // The pull request's checkout: origin/main, then a branch off it.
        let clone = try GitFixture()
        try clone.git("remote", "add", "origin", upstream.path)
        try clone.git("fetch", "-q", "origin")
        try clone.git("checkout", "-q", "-b", "feature", "origin/main")
        clone.write("hr/new.csv", "名前,個人番号\nsomeone,\(numbers[1])\n")
        try clone.commitAll("feature")
        // main moves on after the branch left it: not the pull request's doing.
        upstream.write("hr/later.csv", "個人番号\n\(numbers[2])\n")
        try upstream.commitAll("later on main")
        try clone.git("fetch", "-q", "origin")

        let result = try cli.run(
            ["-c", command], environment: ["BANGO_FINGERPRINT_KEY": "ci-secret-key-0123456789abcdef"],
            binary: "/bin/sh", directory: clone.path)
        #expect(result.status == 1, "\(result.combined)")
        let report = clone.path + "/bango.sarif"
        let verdict = try ReportOutputTests.validate(sarif: report)
        #expect(verdict.hasPrefix("results 1"), "\(verdict)")
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report)))
        let results = ((log as? [String: Any])?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]
        let location = (results?.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == "hr/new.csv")
        #expect((location?["region"] as? [String: Any])?["startLine"] as? Int == 2)
        let attributes = try FileManager.default.attributesOfItem(atPath: report)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(RevealedValues.of(numbers, in: try String(contentsOfFile: report, encoding: .utf8)).isEmpty)
    }
}
