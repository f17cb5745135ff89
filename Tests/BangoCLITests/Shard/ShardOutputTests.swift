import BangoTestSupport
import Foundation
import GRDB
import Testing

/// SARIF logs and audit stores of a sharded sweep merge into what one scan records: the
/// same results, and a store whose report and history are the single store's.
@Suite(.serialized) struct ShardOutputTests {
    @Test func sarifLogsMergeIntoOneValidRun() throws {
        let tree = ShardTree()
        let single = try tree.cli.run(
            ["scan"] + ShardTree.options + ["--format", "sarif", "-o", "single.sarif", "share"],
            environment: ShardTree.key, directory: tree.tree.path)
        #expect(single.status == 0, "\(single.stderr)")
        try tree.shards(3, ["--format", "sarif"], output: "out/findings.sarif")
        let merged = try tree.merge()
        #expect(merged.status == 0, "\(merged.stderr)")
        let path = tree.tree.path + "/merged/findings.sarif"
        let verdict = try ReportOutputTests.validate(sarif: path)
        #expect(!verdict.hasPrefix("INVALID"), "\(verdict)")
        #expect(try Self.results(path) == Self.results(tree.tree.path + "/single.sarif"))
        #expect(try Self.results(path).count > 1000)
    }

    @Test func storesMergeIntoTheSweepsHistory() throws {
        let tree = ShardTree()
        let singleStore = tree.tree.path + "/single.db"
        func single() throws {
            let result = try tree.cli.run(
                ["scan"] + ShardTree.options + ["--store", singleStore, "-o", "single.jsonl", "share"],
                environment: ShardTree.key, directory: tree.tree.path)
            #expect(result.status == 0, "\(result.stderr)")
        }
        try single()
        try tree.shards(3, ["--store", "out/audit.db"])
        let first = try tree.merge()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("run 1 recorded in merged/audit.db"), "\(first.stderr)")
        #expect(try report(tree, "merged/audit.db") == report(tree, singleStore))

        // A number remediated: the next sweep's shards and merge record it as resolved.
        let note = tree.share + "/dept3/note3.txt"
        let text = try String(contentsOfFile: note, encoding: .utf8)
        let kept = text.split(separator: "\n").filter { !$0.hasPrefix("社員0 ") }.joined(separator: "\n") + "\n"
        try kept.write(toFile: note, atomically: false, encoding: .utf8)
        try single()
        try tree.shards(3, ["--store", "out/audit.db"])
        let second = try tree.merge()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("run 2 recorded in merged/audit.db: 0 new"), "\(second.stderr)")
        #expect(second.stderr.contains("1 resolved since run 1"), "\(second.stderr)")
        #expect(try report(tree, "merged/audit.db") == report(tree, singleStore))
        let database = try DatabaseQueue(path: tree.tree.path + "/merged/audit.db")
        let check = try database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(check == "ok")
    }

    /// A store's JSON report without what differs between two recordings of one sweep.
    func report(_ tree: ShardTree, _ store: String) throws -> String {
        let result = try tree.cli.run(
            ["report", "--store", store, "--format", "json"], environment: ShardTree.key, directory: tree.tree.path)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").filter {
            !$0.contains("\"started\"") && !$0.contains("\"ended\"") && !$0.contains("\"store\"")
        }.joined(separator: "\n")
    }

    /// Each result as rule, place and fingerprint, sorted.
    static func results(_ path: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let runs = try #require((object as? [String: Any])?["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        return results.map { result in
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let uri = (location?["artifactLocation"] as? [String: Any])?["uri"] as? String ?? ""
            let region = location?["region"] as? [String: Any]
            let fingerprint = (result["partialFingerprints"] as? [String: Any])?["bangoFingerprint/v1"] as? String
            return [
                result["ruleId"] as? String ?? "", uri, "\(region?["startLine"] ?? "-")", fingerprint ?? "",
            ].joined(separator: " ")
        }.sorted()
    }
}
