#if canImport(Glibc)
import Glibc
#endif
import BangoCore
import Foundation

/// A file split into chunks that several workers scan at once. The worker that
/// finishes the last chunk stitches the results together and emits them.
final class LargeFile: @unchecked Sendable {
    // SAFETY (concurrency): `fd`, `path`, `size`, `chunkSize` are immutable; `results`
    // and `remaining` are only touched under `lock`.
    let path: TargetPath
    let fd: Int32
    let size: Int
    let chunkSize: Int
    let chunkCount: Int
    let table: TableHeader?
    private let lock = NSLock()
    private var results: [ChunkResult?]
    private var remaining: Int

    struct ChunkResult {
        var outcome: ScanOutcome
        var truncated: Bool
        var readError: Int32?
    }

    init(path: TargetPath, fd: Int32, size: Int, chunkSize: Int, table: TableHeader?) {
        self.table = table
        self.path = path
        self.fd = fd
        self.size = size
        self.chunkSize = chunkSize
        chunkCount = (size + chunkSize - 1) / chunkSize
        results = Array(repeating: nil, count: chunkCount)
        remaining = chunkCount
    }

    deinit { close(fd) }

    /// Byte range chunk `index` reports on.
    func range(of index: Int) -> Range<Int> {
        (index * chunkSize)..<min(size, (index + 1) * chunkSize)
    }

    /// Stores a chunk's result; returns every result, in order, to the caller that
    /// stored the last one, and nil to the others.
    func store(_ result: ChunkResult, at index: Int) -> [ChunkResult]? {
        lock.withLock {
            results[index] = result
            remaining -= 1
            return remaining == 0 ? results.compactMap { $0 } : nil
        }
    }
}

/// Resolves chunk-relative lines and columns into file positions.
enum LineResolver {
    /// Findings of all chunks, with 1-based file lines and columns.
    static func findings(
        of chunks: [ScanOutcome], path: String
    ) -> [Finding] {
        var findings: [Finding] = []
        var lineBase = 0
        // Characters since the last newline before the current chunk.
        var carry = 0
        for outcome in chunks {
            for detection in outcome.detections {
                findings.append(Finding(
                    path: path,
                    line: lineBase + detection.lineOffset + 1,
                    column: detection.columnIsFromRangeStart ? carry + detection.column : detection.column,
                    detector: detection.detectorID,
                    confidence: detection.confidence,
                    masked: detection.masked,
                    fingerprint: detection.fingerprint,
                    revealedValue: detection.revealedValue))
            }
            carry = outcome.newlines > 0 ? outcome.charactersAfterLastNewline : carry + outcome.charactersAfterLastNewline
            lineBase += outcome.newlines
        }
        return findings
    }
}
