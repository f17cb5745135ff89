import Foundation

/// The shards of one sweep, gathered from the files and folders given to `bango merge`
/// and checked before anything is written: one manifest per shard 1…N, all of the same
/// sweep, none interrupted, and every output a manifest names present at the size the
/// shard wrote.
public struct ShardSet {
    public struct Shard {
        public let sweep: SweepShard
        public let manifestPath: String
        /// The outputs' paths by format (`jsonl`, `sarif`, `store`).
        public let outputs: [String: String]
    }

    /// Ordered by shard number.
    public let shards: [Shard]
    public var count: Int { shards.count }
    public var sweep: SweepShard { shards[0].sweep }

    /// How a shard's manifest begins (``RunSummary/json(sweep:)``).
    static let sweepPrefix = Array("{\n  \"sweep\": ".utf8)

    public static func gather(_ inputs: [String]) throws(MergeError) -> ShardSet {
        var manifests: [(path: String, sweep: SweepShard)] = []
        var others: [String: String] = [:]
        for path in try expand(inputs) {
            if let sweep = try readSweep(path) {
                manifests.append((path, sweep))
            } else {
                let name = URL(fileURLWithPath: path).lastPathComponent
                if let earlier = others[name], earlier != path {
                    throw .sameName(paths: [earlier, path])
                }
                others[name] = path
            }
        }
        guard let first = manifests.first else { throw .noManifests }
        var byIndex: [Int: String] = [:]
        for manifest in manifests {
            if let differs = difference(first.sweep, manifest.sweep) {
                throw .otherSweep(path: manifest.path, differs: differs)
            }
            if let earlier = byIndex[manifest.sweep.index] {
                throw .duplicateShard(
                    index: manifest.sweep.index, count: first.sweep.count, paths: [earlier, manifest.path])
            }
            byIndex[manifest.sweep.index] = manifest.path
        }
        let missing = (1...first.sweep.count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else { throw .missingShards(missing, count: first.sweep.count) }
        var claimed: Set<String> = []
        var shards: [Shard] = []
        for manifest in manifests.sorted(by: { $0.sweep.index < $1.sweep.index }) {
            if try ManifestReader(path: manifest.path).header.interrupted {
                throw .interrupted(index: manifest.sweep.index, count: manifest.sweep.count, path: manifest.path)
            }
            var outputs: [String: String] = [:]
            for output in manifest.sweep.outputs {
                guard let path = others[output.file] else {
                    throw .missingOutput(index: manifest.sweep.index, file: output.file)
                }
                if let expected = output.bytes {
                    let bytes = try size(of: path)
                    guard bytes == expected else { throw .wrongSize(path: path, bytes: bytes, expected: expected) }
                }
                outputs[output.format] = path
                claimed.insert(output.file)
            }
            shards.append(Shard(sweep: manifest.sweep, manifestPath: manifest.path, outputs: outputs))
        }
        if let stray = others.keys.sorted().first(where: { !claimed.contains($0) }), let path = others[stray] {
            throw .notShardOutput(path: path)
        }
        return ShardSet(shards: shards)
    }

    /// Files as given, and the files directly inside folders given (sorted).
    static func expand(_ inputs: [String]) throws(MergeError) -> [String] {
        var files: [String] = []
        for input in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
                throw .unreadable(path: input, reason: "no such file or folder")
            }
            guard isFolder.boolValue else {
                files.append(input)
                continue
            }
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: input) } catch {
                throw .unreadable(path: input, reason: "\(error)")
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = (input as NSString).appendingPathComponent(name)
                var isSubfolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isSubfolder), !isSubfolder.boolValue {
                    files.append(path)
                }
            }
        }
        // SQLite's companions of a store (its write-ahead log and shared memory) travel
        // with it; they are not outputs of their own.
        let given = Set(files)
        return files.filter { path in
            !["-wal", "-shm", "-journal"].contains {
                path.hasSuffix($0) && given.contains(String(path.dropLast($0.count)))
            }
        }
    }

    /// The sweep record of a shard manifest; nil for any other file.
    static func readSweep(_ path: String) throws(MergeError) -> SweepShard? {
        let reader = try LineReader(path: path)
        guard let first = try reader.next(), first.elementsEqual("{".utf8), let second = try reader.next() else {
            return nil
        }
        let prefix = sweepPrefix.dropFirst(2)
        guard second.starts(with: prefix) else { return nil }
        var line = second.dropFirst(prefix.count)
        if line.last == UInt8(ascii: ",") { line = line.dropLast() }
        do {
            return try JSONDecoder().decode(SweepShard.self, from: Data(line))
        } catch {
            throw .malformed(path: path, detail: "its shard record does not parse (\(error))")
        }
    }

    static func size(of path: String) throws(MergeError) -> Int {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    /// What makes `other` a shard of another sweep than `first`, if anything.
    static func difference(_ first: SweepShard, _ other: SweepShard) -> String? {
        if first.count != other.count { return "shard count (\(other.count), not \(first.count))" }
        if first.roots != other.roots { return "roots" }
        if first.pieceSize != other.pieceSize { return "piece size" }
        if first.catalogue != other.catalogue { return "catalogue and scan options" }
        if first.options != other.options { return "report options" }
        if Set(first.outputs.map(\.format)) != Set(other.outputs.map(\.format)) { return "set of outputs" }
        return nil
    }
}
