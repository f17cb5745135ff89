import BangoCore
import Foundation
import HeapModule

/// Merges the manifests of a sweep's shards into one that reads like a single scan's:
/// a k-way merge of the shards' target lines (each shard writes them sorted), the parts
/// of a split file joined into one entry and checked to cover the file exactly once, and
/// the totals counted again from the merged entries. One line per shard in memory.
public struct ManifestMerger {
    public struct Totals: Equatable, Sendable {
        /// Counted again from the merged entries; its `findings` are the levels' sum.
        public var summary = ManifestSummary(scannedFiles: 0, scannedBytes: 0, findings: 0, skipped: [:], failed: [:])
        /// The findings by level, summed over the shards.
        public var findings: [Confidence: Int] = [:]
        /// Where the pieces of split files start, for the reports' positions.
        public var pieces = PiecePositions()
    }

    let shards: ShardSet

    public init(shards: ShardSet) { self.shards = shards }

    /// Writes the merged manifest to `path` (mode 0600, whole or not at all).
    public func write(to path: String) throws(MergeError) -> Totals {
        var readers: [ManifestReader] = []
        for shard in shards.shards { readers.append(try ManifestReader(path: shard.manifestPath)) }
        var totals = Totals()
        var seconds = 0.0
        var suppression: SuppressingSink.Counts?
        for reader in readers {
            for (level, count) in reader.header.findings {
                totals.findings[level, default: 0] += count
                totals.summary.findings += count
            }
            seconds = max(seconds, reader.header.seconds)
            if let counts = reader.header.suppression { suppression = suppression?.merged(with: counts) ?? counts }
        }
        // The targets go to a temporary file first: the header's totals come from them.
        let body: PrivateFile
        do { body = try PrivateFile(creating: path + ".targets") } catch { throw .write("\(error)") }
        defer { body.discard() }
        var heap = Heap<Head>()
        for (shard, reader) in readers.enumerated() {
            if let entry = try reader.nextEntry() { heap.insert(Head(entry: entry, shard: shard)) }
        }
        var group: [Head] = []
        var first = true
        var pending: [UInt8] = []
        func flush() throws(MergeError) {
            for entry in try Self.settle(group, pieces: &totals.pieces) {
                count(entry, into: &totals)
                pending += Array(((first ? "" : ",\n") + "    " + ManifestJSON.entryLine(entry)).utf8)
                first = false
            }
            group.removeAll(keepingCapacity: true)
            if pending.count >= 1 << 20 {
                body.stream.write(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        while let head = heap.popMin() {
            if let last = group.last, last.entry.path != head.entry.path { try flush() }
            group.append(head)
            if let entry = try readers[head.shard].nextEntry() { heap.insert(Head(entry: entry, shard: head.shard)) }
        }
        try flush()
        body.stream.write(pending)
        let header = ManifestJSON.header(
            lead: "\"shards\": \(shards.count)", summary: totals.summary, interrupted: false, findings: totals.findings,
            suppression: suppression, seconds: seconds)
        do {
            let file = try PrivateFile(creating: path)
            file.stream.write(header)
            try Self.copy(body, to: file.stream)
            file.stream.write(ManifestJSON.footer(hasEntries: !first))
            try file.commit()
        } catch let error as MergeError {
            throw error
        } catch {
            throw .write("\(error)")
        }
        return totals
    }

    private func count(_ entry: ManifestEntry, into totals: inout Totals) {
        if entry.status == .scanned, entry.kind == "file", entry.member == nil {
            totals.summary.scannedFiles += 1
            totals.summary.scannedBytes += entry.bytes ?? 0
        }
        if let reason = entry.reason, entry.status != .scanned {
            if entry.status == .failed {
                totals.summary.failed[reason, default: 0] += 1
            } else {
                totals.summary.skipped[reason, default: 0] += 1
            }
        }
    }

    /// The entries of one path from every shard, as a single scan would have written
    /// them: the parts of a split file joined; anything else recorded by one shard only.
    static func settle(_ group: [Head], pieces: inout PiecePositions) throws(MergeError) -> [ManifestEntry] {
        guard let path = group.first?.entry.path else { return [] }
        let parts = group.filter { $0.entry.part != nil }
        guard !parts.isEmpty else {
            let writers = Set(group.map(\.shard))
            guard writers.count == 1 else {
                throw .coverage(
                    path: path,
                    detail:
                        "recorded by \(writers.count) shards: they walked different trees, or it changed between their walks"
                )
            }
            return group.map(\.entry)
        }
        var rest = group.filter { $0.entry.part == nil }.map(\.entry)
        // A read that failed part way: the file is failed, as a single scan records it.
        let readFailed = rest.contains {
            $0.status == .failed && $0.kind == "file" && $0.member == nil && $0.reason?.isReadFailure == true
        }
        if readFailed {
            return rest
        }
        let fileSize = parts[0].entry.part?.fileSize ?? 0
        var ranges: [(range: Range<Int>, lines: FilePart.Lines)] = []
        var findings = 0
        for head in parts {
            guard let part = head.entry.part, part.fileSize == fileSize else {
                throw .coverage(path: path, detail: "its shards saw different sizes: it changed during the sweep")
            }
            guard part.lines.count == part.ranges.count else {
                throw .coverage(path: path, detail: "a shard did not record the lines of its pieces")
            }
            ranges += zip(part.ranges, part.lines).map { ($0, $1) }
            findings += head.entry.findings ?? 0
        }
        ranges.sort { $0.range.lowerBound < $1.range.lowerBound }
        var next = 0
        for (range, _) in ranges {
            if range.lowerBound > next {
                throw .coverage(path: path, detail: "bytes \(next)–\(range.lowerBound) were scanned by no shard")
            }
            if range.lowerBound < next {
                throw .coverage(path: path, detail: "bytes \(range.lowerBound)–\(next) were scanned by two shards")
            }
            next = range.upperBound
        }
        guard next == fileSize else {
            throw .coverage(path: path, detail: "bytes \(next)–\(fileSize) were scanned by no shard")
        }
        pieces.add(path: path, ranges: ranges)
        let template = parts[0].entry
        rest.append(
            ManifestEntry(
                path: path, kind: template.kind, status: .scanned, bytes: fileSize, findings: findings,
                encoding: template.encoding))
        return rest.sorted(by: ManifestEntry.isOrderedBefore)
    }

    /// Appends the temporary targets file to `stream`.
    static func copy(_ body: PrivateFile, to stream: OutputStream) throws(MergeError) {
        if let code = body.stream.writeError {
            throw .write("cannot write \(body.path): \(String(cString: strerror(code)))")
        }
        guard lseek(body.stream.fd, 0, SEEK_SET) == 0 else { throw .write("cannot reread \(body.path)") }
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            // SAFETY: read writes at most block.count bytes into the array's own storage.
            let count = block.withUnsafeMutableBytes { read(body.stream.fd, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw .write("cannot reread \(body.path): \(String(cString: strerror(errno)))") }
            if count == 0 { return }
            // SAFETY: the first `count` bytes of the block were just read.
            block.withUnsafeBytes { stream.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    /// The front entry of one shard, ordered as manifests sort their entries.
    struct Head: Comparable {
        let entry: ManifestEntry
        let shard: Int

        static func < (lhs: Head, rhs: Head) -> Bool {
            if ManifestEntry.isOrderedBefore(lhs.entry, rhs.entry) { return true }
            if ManifestEntry.isOrderedBefore(rhs.entry, lhs.entry) { return false }
            return lhs.shard < rhs.shard
        }

        static func == (lhs: Head, rhs: Head) -> Bool { !(lhs < rhs) && !(rhs < lhs) }
    }
}
