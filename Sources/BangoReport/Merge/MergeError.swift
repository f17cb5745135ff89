/// Why shard outputs cannot be merged. Each names the file or shard at fault: a merge
/// that went ahead would hide a gap in the sweep.
public enum MergeError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case noManifests
    case notShardOutput(path: String)
    case sameName(paths: [String])
    case otherSweep(path: String, differs: String)
    case duplicateShard(index: Int, count: Int, paths: [String])
    case missingShards([Int], count: Int)
    case interrupted(index: Int, count: Int, path: String)
    case missingOutput(index: Int, file: String)
    case wrongSize(path: String, bytes: Int, expected: Int)
    case malformed(path: String, detail: String)
    case coverage(path: String, detail: String)
    case unmergeableFormat(String)
    case write(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .noManifests:
            "no shard manifest among the inputs: give the files `bango scan --shard K/N --manifest …` wrote"
        case .notShardOutput(let path): "\(path) is neither a shard manifest nor an output a shard manifest names"
        case .sameName(let paths):
            "two inputs have the same name, so which shard wrote which cannot be told: "
                + paths.joined(separator: " and ")
        case .otherSweep(let path, let differs):
            "\(path) is a shard of another sweep (its \(differs) differs from the first manifest's)"
        case .duplicateShard(let index, let count, let paths):
            "shard \(index) of \(count) is given twice: " + paths.joined(separator: " and ")
        case .missingShards(let missing, let count):
            "missing shard\(missing.count == 1 ? "" : "s") "
                + missing.map(String.init).joined(separator: ", ") + " of \(count): run "
                + (missing.count == 1 ? "it" : "them") + " (or give its manifest) before merging"
        case .interrupted(let index, let count, let path):
            "shard \(index) of \(count) was interrupted (\(path)): rerun it before merging"
        case .missingOutput(let index, let file): "shard \(index) wrote \(file), which is not among the inputs"
        case .wrongSize(let path, let bytes, let expected):
            "\(path) holds \(bytes) bytes but its shard wrote \(expected): cut short, or from another run"
        case .malformed(let path, let detail): "\(path) is malformed: \(detail)"
        case .coverage(let path, let detail): "\(path): \(detail)"
        case .unmergeableFormat(let format):
            "\(format) reports cannot be merged: scan the shards with --format jsonl or sarif"
        case .write(let detail): detail
        }
    }
}
