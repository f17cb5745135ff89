import BangoTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A sharded sweep merged is the single scan: the same findings and the same manifest,
/// for one shard, three and seven, whatever was split, and after a shard was killed and
/// run again.
@Suite(.serialized) struct ShardMergeTests {
    @Test(arguments: [1, 3, 7]) func mergedShardsEqualOneScan(count: Int) throws {
        let tree = ShardTree()
        let single = try tree.single()
        try tree.shards(count)
        let merged = try tree.merge()
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("merged \(count) shard"), "\(merged.stderr)")
        try Self.expectEqual(tree: tree, single: single)
        if count > 1 {
            // The big files really were split: more than one shard reported on the log.
            let parts = try (1...count).filter { index in
                let manifest = try String(
                    contentsOfFile: tree.out + "/manifest.shard-\(index)-of-\(count).json", encoding: .utf8)
                return manifest.contains("\"path\": \"share/logs/app.log\"")
            }
            #expect(parts.count > 1, "the 5-piece log went to one shard only")
        }
    }

    @Test func aKilledShardIsAGapUntilItIsRunAgain() throws {
        let tree = ShardTree()
        let single = try tree.single()
        for index in [1, 3] { #expect(try tree.shard(index, of: 3).status == 0) }
        // Shard 2 is killed mid-scan: it leaves no manifest and no output.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.currentDirectoryURL = URL(fileURLWithPath: tree.tree.path)
        process.arguments =
            ["scan"] + ShardTree.options + [
                "--shard", "2/3", "--shard-piece", "64K", "-j1", "--chunk-size", "4K", "-o", "out/findings.jsonl",
                "--manifest", "out/manifest.json", "share",
            ]
        process.environment = ProcessInfo.processInfo.environment.merging(ShardTree.key) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Killed once its report is open: the scan has begun and written nothing final.
        for _ in 0..<1000 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: tree.out)) ?? []
            if names.contains(where: { $0.hasPrefix(".findings.shard-2-of-3.jsonl.") }) { break }
            usleep(10_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let gap = try tree.merge()
        #expect(gap.status == 2)
        #expect(gap.stderr.contains("missing shard 2 of 3"), "\(gap.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tree.tree.path + "/merged/findings.jsonl"))

        #expect(try tree.shard(2, of: 3).status == 0)
        let merged = try tree.merge()
        #expect(merged.status == 0, "\(merged.stderr)")
        try Self.expectEqual(tree: tree, single: single)
    }

    @Test func gnuParallelRunsTheShards() throws {
        guard
            let parallel = ["/usr/bin/parallel", "/usr/local/bin/parallel"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { return }
        let tree = ShardTree()
        let single = try tree.single()
        let command =
            ([CLI.binary, "scan"] + ShardTree.options + [
                "--shard", "{}/4", "--shard-piece", "64K", "--chunk-size", "16K", "-o", "out/findings.jsonl",
                "--manifest", "out/manifest.json",
                "share",
            ]).joined(separator: " ")
        let result = try tree.cli.run(
            ["--will-cite", "-j4", "--halt", "now,fail=1", command, ":::", "1", "2", "3", "4"],
            environment: ShardTree.key, binary: parallel, directory: tree.tree.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try tree.merge().status == 0)
        try Self.expectEqual(tree: tree, single: single)
    }

    /// The merged report holds exactly the single scan's findings, and the merged
    /// manifest exactly its targets and totals. Lines are compared by count and digest:
    /// a failure message never lists findings (masked as they are).
    static func expectEqual(tree: ShardTree, single: (jsonl: String, manifest: String)) throws {
        try ShardTree.expectSameFindings(tree.tree.path + "/merged/findings.jsonl", as: single.jsonl)
        let reference = try ShardTree.manifest(single.manifest)
        let merged = try ShardTree.manifest(tree.tree.path + "/merged/manifest.json")
        for key in ["scanned_files", "scanned_bytes", "findings", "skipped", "failed"] {
            #expect(merged[key] as? NSObject == reference[key] as? NSObject, "\(key)")
        }
        let targets = try #require(reference["targets"] as? [NSDictionary])
        let mergedTargets = try #require(merged["targets"] as? [NSDictionary])
        #expect(mergedTargets.count == targets.count)
        for (expected, actual) in zip(targets, mergedTargets) {
            #expect(actual == expected)
        }
        #expect(targets.contains { $0["reason"] as? String == "symlink_not_followed" })
        #expect(targets.contains { $0["reason"] as? String == "excluded" })
        #expect(targets.contains { $0["member"] as? String == "dump/people.txt" })
        #expect(targets.contains { $0["encoding"] as? String == "shift_jis" })
    }
}
