import ArgumentParser
import BangoAudit
import BangoCore
import BangoReport
import Foundation

/// `bango merge`: joins the outputs of a sweep's shards (`bango scan --shard K/N`) into
/// the outputs one scan of the whole would have written.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the manifests, reports and audit stores of a sharded sweep into one.",
        discussion: """
            Give every shard's manifest and outputs (or the folders holding them). Every shard \
            1…N must be there once, complete, of the same sweep; anything else is an error (exit 2) \
            and nothing is written. The merged files are named as the shards' without the \
            `.shard-K-of-N` tag. An audit store already in the output folder gets the merged run \
            added to its history.
            """)

    @Option(
        name: [.customLong("output"), .customShort("o")],
        help: ArgumentHelp("The folder to write the merged files to (created when missing).", valueName: "dir"))
    var output: String

    @Flag(name: [.customLong("quiet"), .customShort("q")], help: "No summary on stderr.")
    var quiet = false

    @Argument(help: "Shard manifests and outputs, or folders holding them.")
    var inputs: [String]

    func run() throws {
        let errors = BangoReport.OutputStream(fd: 2)
        do {
            try merge(errors: errors)
        } catch {
            errors.write("bango: merge: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
    }

    private func merge(errors: BangoReport.OutputStream) throws {
        let started = Date()
        let shards = try ShardSet.gather(inputs)
        let formats = shards.sweep.outputs.map(\.format)
        if let format = formats.first(where: { !["jsonl", "sarif", "store"].contains($0) }) {
            throw MergeError.unmergeableFormat(format)
        }
        do {
            try FileManager.default.createDirectory(
                atPath: output, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw MergeError.write("cannot create \(output): \(error)")
        }
        let first = shards.shards[0]
        let tag = "." + SweepShard.fileTag(index: 1, count: shards.sweep.count)
        func merged(_ path: String) -> String {
            let name = URL(fileURLWithPath: path).lastPathComponent.replacingOccurrences(of: tag, with: "")
            return (output as NSString).appendingPathComponent(name)
        }
        let manifestPath = merged(first.manifestPath)
        let totals = try ManifestMerger(shards: shards).write(to: manifestPath)
        var written = [manifestPath]
        var findings = totals.summary.findings
        for format in formats {
            guard let path = first.outputs[format] else { continue }
            let target = merged(path)
            switch format {
            case "sarif": _ = try SARIFMerger.merge(shards, pieces: totals.pieces, to: target)
            case "store":
                let record = try StoreMerger(path: target).merge(
                    shards: shards.shards.compactMap { $0.outputs["store"] }, summary: totals.summary,
                    shardCount: shards.count, pieces: totals.pieces.rows)
                findings = record.findings
                if !quiet { errors.write("bango: " + AuditRecording.describe(record, store: target) + "\n") }
            default: _ = try FindingsMerger.merge(shards, pieces: totals.pieces, to: target)
            }
            written.append(target)
        }
        if !quiet {
            errors.write(
                "bango: merged \(shards.count) shard\(shards.count == 1 ? "" : "s") in "
                    + String(format: "%.2f", Date().timeIntervalSince(started)) + " s: "
                    + "\(RunSummary.grouped(totals.summary.scannedFiles)) files, \(RunSummary.grouped(findings)) findings; wrote "
                    + written.joined(separator: ", ") + "\n")
        }
    }
}
