import BangoTestSupport
import Foundation
import Testing
import Yams

/// The recipes in deploy/ as an operator runs them: the Kubernetes manifests validate
/// against the Kubernetes API schema, and the commands they hold, run for every index the
/// engine would start, merge into what one scan of the share reports. Likewise the Slurm
/// array script and its merge step, run with the variables Slurm sets.
@Suite(.serialized) struct DeployRecipeTests {
    static let deploy = CLI.packageRoot.appendingPathComponent("deploy").path

    @Test func kubernetesManifestsValidateStrictly() throws {
        // kubernetes-validate (PyPI) checks against the API's OpenAPI schemas, rejecting
        // unknown fields; CI installs it, so its absence fails here.
        let result = try CLI().run(
            [
                "kubernetes-validate", "--strict", Self.deploy + "/kubernetes/sweep-job.yaml",
                Self.deploy + "/kubernetes/merge-job.yaml",
            ], binary: "/usr/bin/env")
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.combined.contains("passed for resource job/bango-sweep"), "\(result.combined)")
    }

    @Test func theIndexedJobsCommandsMergeIntoOneScan() throws {
        let sweep = try Self.container(of: "sweep-job.yaml")
        let spec = try #require(sweep.job["spec"] as? [String: Any])
        let completions = try #require(spec["completions"] as? Int)
        #expect(spec["completionMode"] as? String == "Indexed")
        #expect(spec["parallelism"] as? Int == completions)
        let environment = try #require(sweep.container["env"] as? [[String: Any]])
        let count = environment.first { $0["name"] as? String == "BANGO_SHARD_COUNT" }?["value"] as? String
        #expect(count == String(completions), "BANGO_SHARD_COUNT must equal completions")
        #expect(sweep.arguments.contains("auto"))

        let tree = ShardTree()
        let share = tree.share
        func local(_ arguments: [String]) -> [String] {
            arguments.map { $0 == "/share" ? share : $0.replacingOccurrences(of: "/out", with: tree.out) }
        }
        for index in 0..<completions {
            let result = try tree.cli.run(
                local(sweep.arguments),
                environment: ShardTree.key.merging([
                    "JOB_COMPLETION_INDEX": String(index), "BANGO_SHARD_COUNT": String(completions),
                ]) { $1 })
            #expect(result.status == 0, "index \(index): \(result.stderr)")
        }
        let merge = try Self.container(of: "merge-job.yaml")
        let merged = try tree.cli.run(local(merge.arguments), environment: ShardTree.key)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("merged \(completions) shards"), "\(merged.stderr)")

        let single = try tree.cli.run(
            ["scan", "--format", "jsonl", "--fail-on", "never", "-q", "-o", tree.tree.path + "/single.jsonl", share],
            environment: ShardTree.key)
        #expect(single.status == 0, "\(single.stderr)")
        try ShardTree.expectSameFindings(tree.out + "/merged/findings.jsonl", as: tree.tree.path + "/single.jsonl")
        #expect(FileManager.default.fileExists(atPath: tree.out + "/merged/audit.db"))
    }

    @Test func theSlurmArrayAndItsMergeRunAsSubmitted() throws {
        let tree = ShardTree()
        let stores = tree.tree.path + "/stores"
        let common = ShardTree.key.merging([
            "BANGO": CLI.binary, "BANGO_SHARE": tree.share, "BANGO_STORES": stores, "SLURM_ARRAY_JOB_ID": "4242",
            "BANGO_MERGED": tree.tree.path + "/merged",
        ]) { $1 }
        for task in 1...3 {
            let result = try tree.cli.run(
                [Self.deploy + "/slurm/bango-sweep.sbatch"],
                environment: common.merging([
                    "SLURM_ARRAY_TASK_ID": String(task), "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1",
                    "SLURM_CPUS_PER_TASK": "1",
                ]) { $1 }, binary: "/bin/bash", directory: tree.tree.path)
            #expect(result.status == 0, "task \(task): \(result.stderr)")
        }
        let merged = try tree.cli.run(
            [Self.deploy + "/slurm/bango-merge.sbatch"],
            environment: common.merging(["BANGO_SWEEP_JOB": "4242"]) { $1 },
            binary: "/bin/bash", directory: tree.tree.path)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("run 1 recorded in"), "\(merged.stderr)")
        let single = try tree.cli.run(
            ["scan", "--format", "jsonl", "--fail-on", "never", "-q", "-o", "single.jsonl", tree.share],
            environment: ShardTree.key, directory: tree.tree.path)
        #expect(single.status == 0)
        try ShardTree.expectSameFindings(
            tree.tree.path + "/merged/findings.jsonl", as: tree.tree.path + "/single.jsonl")
    }

    /// A Job manifest and its one container's arguments.
    static func container(of name: String) throws -> (job: [String: Any], container: [String: Any], arguments: [String])
    {
        let text = try String(contentsOfFile: deploy + "/kubernetes/" + name, encoding: .utf8)
        let job = try #require(try Yams.load(yaml: text) as? [String: Any])
        let spec = try #require(job["spec"] as? [String: Any])
        let template = try #require(spec["template"] as? [String: Any])
        let pod = try #require(template["spec"] as? [String: Any])
        let containers = try #require(pod["containers"] as? [[String: Any]])
        #expect(containers.count == 1)
        let arguments = try #require(containers.first?["args"] as? [String])
        return (job, containers[0], arguments)
    }
}
