#if canImport(Glibc)
    import Glibc
#endif

/// Joins the shards' line-oriented reports (JSON Lines, CSV) into one, shard after
/// shard, a block at a time: bounded memory whatever the sweep found. CSV's header row
/// is written once. Each shard's report is checked line by line to end in a newline,
/// and its lines counted against the findings its manifest says it wrote.
public enum FindingsMerger {
    /// Writes the merged report to `path`; returns the findings (lines) written.
    public static func merge(_ shards: ShardSet, format: String, to path: String) throws(MergeError) -> Int {
        guard format == "jsonl" || format == "csv" else { throw .unmergeableFormat(format) }
        let file: PrivateFile
        do { file = try PrivateFile(creating: path) } catch { throw .write("\(error)") }
        var total = 0
        var header: [UInt8]?
        for shard in shards.shards {
            guard let input = shard.outputs[format] else { continue }
            let reader = try LineReader(path: input)
            var block: [UInt8] = []
            var lines = 0
            if format == "csv" {
                guard let first = try reader.next() else {
                    throw .malformed(path: input, detail: "it has no header row")
                }
                if let header, !header.elementsEqual(first) {
                    throw .malformed(path: input, detail: "its header row differs from the first shard's")
                }
                if header == nil {
                    header = Array(first)
                    block += first + [0x0A]
                }
            }
            while let line = try reader.next() {
                block += line
                block.append(0x0A)
                lines += 1
                if block.count >= LineReader.blockSize {
                    file.stream.write(block)
                    block.removeAll(keepingCapacity: true)
                }
            }
            file.stream.write(block)
            let expected = shard.sweep.outputs.first { $0.format == format }?.findings
            if let expected, format == "jsonl", expected != lines {
                file.discard()
                throw .malformed(path: input, detail: "it holds \(lines) findings, its manifest says \(expected)")
            }
            total += lines
        }
        do { try file.commit() } catch { throw .write("\(error)") }
        return total
    }
}
