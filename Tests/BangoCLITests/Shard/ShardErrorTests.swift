import BangoTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A shard given wrongly is refused before scanning; a merge of an incomplete,
/// mixed-up or tampered set of shards is refused before writing: exit 2, the reason
/// named, nothing merged.
@Suite(.serialized) struct ShardErrorTests {
    @Test func badShardOptionsAreRefused() throws {
        let tree = TemporaryTree()
        tree.write("share/a.txt", "nothing here\n")
        let cli = CLI()
        let cases: [([String], [String: String], String)] = [
            (["--shard", "4/3", "--manifest", "m.json"], [:], "shard 4 of 3 does not exist"),
            (["--shard", "0/3", "--manifest", "m.json"], [:], "shards are numbered 1 to 3"),
            (["--shard", "two", "--manifest", "m.json"], [:], "--shard takes K/N"),
            (["--shard", "1/3"], [:], "--shard needs --manifest"),
            (["--shard", "auto", "--manifest", "m.json"], [:], "--shard auto needs JOB_COMPLETION_INDEX"),
            (
                ["--shard", "auto", "--manifest", "m.json"], ["JOB_COMPLETION_INDEX": "1"],
                "BANGO_SHARD_COUNT is not"
            ),
            (["--shard", "1/2", "--shard-piece", "1K", "--manifest", "m.json"], [:], "at least 64K"),
            (["--shard-piece", "1M"], [:], "--shard-piece needs --shard"),
            (["--shard", "1/2", "--manifest", "m.json", "--staged"], [:], "not git changes or standard input"),
            (["--shard", "1/2", "--manifest", "m.json", "--sort", "path"], [:], "--sort path cannot be kept"),
        ]
        for (arguments, environment, message) in cases {
            let result = try cli.run(["scan"] + arguments + ["share"], environment: environment, directory: tree.path)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: tree.path).filter { $0.hasPrefix("m.") }
        #expect(written.isEmpty, "a refused shard wrote \(written)")
    }

    @Test func autoTakesTheShardFromKubernetesAndSlurm() throws {
        let tree = ShardTree()
        let kubernetes = try tree.shard(0, of: 0, environment: ["JOB_COMPLETION_INDEX": "1", "BANGO_SHARD_COUNT": "2"])
        #expect(kubernetes.status == 0, "\(kubernetes.stderr)")
        let slurm = try tree.shard(
            0, of: 0,
            environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "1"])
        #expect(slurm.status == 0, "\(slurm.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: tree.out).filter { !$0.hasPrefix(".") }.sorted()
        #expect(
            names == [
                "findings.shard-1-of-2.jsonl", "findings.shard-2-of-2.jsonl", "manifest.shard-1-of-2.json",
                "manifest.shard-2-of-2.json",
            ])
        #expect(try tree.merge().status == 0)
    }

    @Test func incompleteMixedOrTamperedShardsAreNotMerged() throws {
        let tree = ShardTree()
        try tree.shards(3)
        let out = tree.out
        let manager = FileManager.default
        func expectRefused(_ inputs: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation)
            throws
        {
            let result = try tree.merge(inputs, into: "refused")
            #expect(result.status == 2, sourceLocation: sourceLocation)
            #expect(result.stderr.contains(message), "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(
                !manager.fileExists(atPath: tree.tree.path + "/refused/findings.jsonl"), sourceLocation: sourceLocation)
        }
        let manifest2 = out + "/manifest.shard-2-of-3.json"
        let findings2 = out + "/findings.shard-2-of-3.jsonl"

        // A shard missing.
        try expectRefused(
            [
                "out/manifest.shard-1-of-3.json", "out/manifest.shard-3-of-3.json", "out/findings.shard-1-of-3.jsonl",
                "out/findings.shard-3-of-3.jsonl",
            ], "missing shard 2 of 3")
        // A shard given twice (a rerun's copy in another folder).
        try manager.createDirectory(atPath: tree.tree.path + "/again", withIntermediateDirectories: true)
        try manager.copyItem(atPath: manifest2, toPath: tree.tree.path + "/again/manifest.shard-2-of-3.json")
        try expectRefused(["out", "again/manifest.shard-2-of-3.json"], "shard 2 of 3 is given twice")
        // Only the manifests: the findings they name are not there.
        try expectRefused(
            ["out/manifest.shard-1-of-3.json", "out/manifest.shard-2-of-3.json", "out/manifest.shard-3-of-3.json"],
            "which is not among the inputs")
        // A stray file among the inputs.
        tree.tree.write("out/notes.txt", "not a shard\n")
        try expectRefused(["out"], "neither a shard manifest nor an output")
        try manager.removeItem(atPath: out + "/notes.txt")
        // A shard of another sweep: a different shard count.
        let other = try tree.shard(2, of: 4)
        #expect(other.status == 0)
        try expectRefused(["out"], "shard of another sweep")
        for name in ["manifest.shard-2-of-4.json", "findings.shard-2-of-4.jsonl"] {
            try manager.removeItem(atPath: out + "/" + name)
        }
        // A report cut short.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: findings2))
        try bytes.dropLast(10).write(to: URL(fileURLWithPath: findings2))
        try expectRefused(["out"], "cut short, or from another run")
        try bytes.write(to: URL(fileURLWithPath: findings2))
        // An interrupted shard.
        let text = try String(contentsOfFile: manifest2, encoding: .utf8)
        try text.replacingOccurrences(
            of: "\n  \"scanned_files\"", with: "\n  \"interrupted\": true,\n  \"scanned_files\""
        )
        .write(toFile: manifest2, atomically: false, encoding: .utf8)
        try expectRefused(["out"], "shard 2 of 3 was interrupted")
        // A split file's part taken out of its shard's manifest: bytes nobody scanned.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.filter { !($0.contains("share/logs/app.log") && $0.contains("\"part\"")) }
        #expect(kept.count < lines.count, "shard 2 owns a piece of the log")
        try kept.joined(separator: "\n").replacingOccurrences(of: "}},\n  ]", with: "}}\n  ]")
            .write(toFile: manifest2, atomically: false, encoding: .utf8)
        try expectRefused(["out"], "share/logs/app.log: bytes")
        try text.write(toFile: manifest2, atomically: false, encoding: .utf8)
        // The set is whole again: it merges.
        #expect(try tree.merge(["out"], into: "refused").status == 0)
    }

    @Test func onlyMergeableReportsAreWrittenAndEmptyInputsAreRefused() throws {
        let tree = ShardTree()
        for format in ["text", "csv", "junit"] {
            let shard = try tree.shard(1, of: 1, ["--format", format], output: "out/findings." + format)
            #expect(shard.status == 2)
            #expect(shard.stderr.contains("--shard writes --format jsonl or sarif"), "\(shard.stderr)")
        }
        try FileManager.default.createDirectory(atPath: tree.tree.path + "/empty", withIntermediateDirectories: true)
        let empty = try tree.merge(["empty"])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("no shard manifest among the inputs"), "\(empty.stderr)")
        let missing = try tree.merge(["nowhere"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read nowhere"), "\(missing.stderr)")
    }
}
