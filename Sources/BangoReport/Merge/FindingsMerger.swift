import BangoCore

/// Joins the shards' JSON Lines reports into one, shard after shard, a block at a time:
/// bounded memory whatever the sweep found. The findings of a split file get their
/// file's lines and columns back (``PiecePositions``) and lose their `piece_offset`; the
/// rest pass through byte for byte. Each shard's lines are counted against the findings
/// its manifest says it wrote.
public enum FindingsMerger {
    /// Writes the merged report to `path`; returns the findings (lines) written.
    public static func merge(_ shards: ShardSet, pieces: PiecePositions, to path: String) throws(MergeError) -> Int {
        let file: PrivateFile
        do { file = try PrivateFile(creating: path) } catch { throw .write("\(error)") }
        var fixer = PositionFixer(pieces: pieces)
        var total = 0
        for shard in shards.shards {
            guard let input = shard.outputs["jsonl"] else { continue }
            let reader = try LineReader(path: input)
            var block: [UInt8] = []
            var lines = 0
            while let line = try reader.next() {
                if try !fixer.appendResolved(line, to: &block, input: input) { block += line }
                block.append(0x0A)
                lines += 1
                if block.count >= LineReader.blockSize {
                    file.stream.write(block)
                    block.removeAll(keepingCapacity: true)
                }
            }
            file.stream.write(block)
            let expected = shard.sweep.outputs.first { $0.format == "jsonl" }?.findings
            if let expected, expected != lines {
                file.discard()
                throw .malformed(path: input, detail: "it holds \(lines) findings, its manifest says \(expected)")
            }
            total += lines
        }
        do { try file.commit() } catch { throw .write("\(error)") }
        return total
    }
}
