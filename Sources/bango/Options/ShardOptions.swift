import ArgumentParser
import BangoReport
import BangoScan
import Foundation

/// `--shard K/N`: this process scans one part of a sweep that several machines share.
struct ShardOptions: ParsableArguments {
    @Option(
        name: .customLong("shard"),
        help: ArgumentHelp(
            "Scan shard K of N (1-based), or `auto` from JOB_COMPLETION_INDEX + BANGO_SHARD_COUNT (Kubernetes) or SLURM_ARRAY_TASK_ID + SLURM_ARRAY_TASK_COUNT (Slurm). Outputs are named by shard; `bango merge` joins them.",
            valueName: "K/N|auto"))
    var shard: String?

    @Option(
        name: .customLong("shard-piece"),
        help: ArgumentHelp(
            "With --shard: files larger than this are split into pieces of this size owned by different shards (default 64M).",
            valueName: "size"))
    var pieceSize: ByteSize?

    /// The shard, with the piece size rounded up to a whole number of chunks (a piece
    /// boundary must be a chunk boundary); nil without `--shard`.
    func spec(chunkSize: Int, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ShardError) -> ShardSpec?
    {
        guard let shard else { return nil }
        let asked = pieceSize?.bytes ?? ShardSpec.defaultPieceSize
        // Checked as asked: rounded up to the chunk size, a tiny piece would pass unnoticed.
        guard asked >= ShardSpec.minimumPieceSize else { throw .invalid("--shard-piece must be at least 64K") }
        let rounded = (asked + chunkSize - 1) / chunkSize * chunkSize
        if shard == "auto" { return try ShardSpec.fromEnvironment(environment, pieceSize: rounded) }
        return try ShardSpec.parse(shard, pieceSize: rounded)
    }

    func validate() throws {
        if pieceSize != nil, shard == nil { throw ValidationError("--shard-piece needs --shard") }
    }

    /// `out/findings.jsonl` → `out/findings.shard-3-of-7.jsonl`: every shard of a sweep
    /// can write to one shared folder.
    static func named(_ path: String, by spec: ShardSpec) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let folder = String(path.dropLast(name.count))
        let tag = SweepShard.fileTag(index: spec.index, count: spec.count)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path + "." + tag }
        return folder + name[..<dot] + "." + tag + name[dot...]
    }
}
