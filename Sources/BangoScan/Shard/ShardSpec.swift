/// Which part of a sweep this process scans: shard `index` of `count` (1-based, as
/// `--shard 3/7` says it), and the size of the pieces very large files are split into.
///
/// Every shard of a sweep computes the same assignment from the same inputs without
/// talking to the others: a target belongs to the shard a stable hash of its path
/// relative to its root names, and the pieces of a very large file are assigned the
/// same way, piece by piece (``ShardFilter``).
public struct ShardSpec: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int
    /// Files larger than this are split into pieces of this size (a multiple of the
    /// chunk size, so that a piece boundary is a chunk boundary).
    public let pieceSize: Int

    /// 64 MiB: big enough that a share of documents splits nothing, small enough that
    /// a 10 GiB dump spreads over 160 pieces.
    public static let defaultPieceSize = 64 << 20
    /// Smaller pieces would cost more in per-piece bookkeeping than they spread.
    public static let minimumPieceSize = 64 << 10

    public init(index: Int, count: Int, pieceSize: Int = Self.defaultPieceSize) throws(ShardError) {
        guard count >= 1 else { throw .invalid("the shard count must be at least 1") }
        guard (1...count).contains(index) else {
            throw .invalid("shard \(index) of \(count) does not exist: shards are numbered 1 to \(count)")
        }
        guard pieceSize >= Self.minimumPieceSize else { throw .invalid("--shard-piece must be at least 64K") }
        self.index = index
        self.count = count
        self.pieceSize = pieceSize
    }

    /// `3/7`.
    public var description: String { "\(index)/\(count)" }

    /// Parses `K/N`; `auto` is resolved by ``fromEnvironment(_:pieceSize:)``.
    public static func parse(_ text: String, pieceSize: Int = defaultPieceSize) throws(ShardError) -> ShardSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw .invalid("--shard takes K/N (shard K of N, from 1) or auto, not \(text)")
        }
        return try ShardSpec(index: index, count: count, pieceSize: pieceSize)
    }

    /// The shard the job engine says this process is: a Kubernetes Indexed Job sets
    /// `JOB_COMPLETION_INDEX` (0-based; the count is the Job's `completions`, passed in
    /// `BANGO_SHARD_COUNT`), a Slurm job array sets `SLURM_ARRAY_TASK_ID` and
    /// `SLURM_ARRAY_TASK_COUNT` (with `SLURM_ARRAY_TASK_MIN` as the first id).
    public static func fromEnvironment(_ environment: [String: String], pieceSize: Int = defaultPieceSize)
        throws(ShardError) -> ShardSpec
    {
        func number(_ name: String) throws(ShardError) -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text) else {
                throw .invalid("\(name)=\(text) is not a number")
            }
            return value
        }
        if let task = try number("SLURM_ARRAY_TASK_ID") {
            guard let count = try number("SLURM_ARRAY_TASK_COUNT") else {
                throw .invalid("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not")
            }
            let first = try number("SLURM_ARRAY_TASK_MIN") ?? 0
            return try ShardSpec(index: task - first + 1, count: count, pieceSize: pieceSize)
        }
        if let completion = try number("JOB_COMPLETION_INDEX") {
            guard let count = try number("BANGO_SHARD_COUNT") else {
                throw .invalid(
                    "JOB_COMPLETION_INDEX is set but BANGO_SHARD_COUNT is not: set it to the Job's completions")
            }
            return try ShardSpec(index: completion + 1, count: count, pieceSize: pieceSize)
        }
        throw .invalid(
            "--shard auto needs JOB_COMPLETION_INDEX and BANGO_SHARD_COUNT (Kubernetes Indexed Job)"
                + " or SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (Slurm job array)")
    }
}
