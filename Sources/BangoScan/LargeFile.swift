#if canImport(Glibc)
import Glibc
#endif
import BangoCore
import Foundation

/// A file split into chunks that several workers scan at once. As soon as the chunks
/// at the front are done, their findings are resolved to file lines and streamed out,
/// so memory holds the findings of chunks finished out of order, not of the whole file.
final class LargeFile: @unchecked Sendable {
    // SAFETY (concurrency): `fd`, `path`, `size`, `chunkSize`, `table` are immutable;
    // everything else is only touched under `lock`.
    let path: TargetPath
    let fd: Int32
    let size: Int
    let chunkSize: Int
    let chunkCount: Int
    let table: TableHeader?
    private let lock = NSLock()
    private var results: [ChunkResult?]
    private var nextToResolve = 0
    private var resolver: LineResolver
    /// What the finished chunks said about the file as a whole.
    private(set) var findingCount = 0
    private(set) var truncated = false
    private(set) var readError: Int32?
    private(set) var limitEvents: [MatchLimitEvent] = []

    struct ChunkResult {
        var outcome: ScanOutcome
        var truncated: Bool
        var readError: Int32?
    }

    /// - Parameter leadingCharacters: characters at the start of the file that are not
    ///   text (a UTF-8 byte order mark), left out of line 1's columns.
    init(path: TargetPath, fd: Int32, size: Int, chunkSize: Int, table: TableHeader?, leadingCharacters: Int = 0) {
        resolver = LineResolver(leadingCharacters: leadingCharacters)
        self.table = table
        self.path = path
        self.fd = fd
        self.size = size
        self.chunkSize = chunkSize
        chunkCount = (size + chunkSize - 1) / chunkSize
        results = Array(repeating: nil, count: chunkCount)
    }

    deinit { close(fd) }

    /// Byte range chunk `index` reports on.
    func range(of index: Int) -> Range<Int> {
        (index * chunkSize)..<min(size, (index + 1) * chunkSize)
    }

    /// Stores a chunk's result and passes the findings of every chunk now ready in order
    /// to `emit` (still under the file's lock, so parts leave in file order), with
    /// `isLast` true on the call that completes the file.
    func store(_ result: ChunkResult, at index: Int, emit: ([Finding], _ isLast: Bool) -> Void) {
        lock.withLock {
            results[index] = result
            var ready: [Finding] = []
            while nextToResolve < chunkCount, let done = results[nextToResolve] {
                resolver.appendFindings(of: done.outcome, path: path.description, to: &ready)
                truncated = truncated || done.truncated
                readError = readError ?? done.readError
                limitEvents += done.outcome.limitEvents
                results[nextToResolve] = ChunkResult(outcome: ScanOutcome(), truncated: false, readError: nil)
                nextToResolve += 1
            }
            findingCount += ready.count
            let isLast = nextToResolve == chunkCount
            if !ready.isEmpty || isLast { emit(ready, isLast) }
        }
    }
}

/// Resolves chunk-relative lines and columns into file positions, one chunk after
/// another in file order.
struct LineResolver {
    /// Newlines before the next chunk.
    private var lineBase = 0
    /// Characters since the last newline before the next chunk.
    private var carry = 0

    /// - Parameter leadingCharacters: characters at the start of the text that are not
    ///   text (a UTF-8 byte order mark), left out of line 1's columns.
    init(leadingCharacters: Int = 0) { carry = -leadingCharacters }

    /// Findings of all chunks of a file at once.
    static func findings(
        of chunks: [ScanOutcome], path: String, encoding: TextEncoding = .utf8, leadingCharacters: Int = 0
    ) -> [Finding] {
        var resolver = LineResolver(leadingCharacters: leadingCharacters)
        var findings: [Finding] = []
        findings.reserveCapacity(chunks.reduce(0) { $0 + $1.detections.count })
        for chunk in chunks { resolver.appendFindings(of: chunk, path: path, encoding: encoding, to: &findings) }
        return findings
    }

    /// Appends the next chunk's findings, with 1-based file lines and columns, to
    /// `findings`: in place, because a finding copied from one array to another retains
    /// and releases each of its strings.
    mutating func appendFindings(
        of outcome: ScanOutcome, path: String, encoding: TextEncoding = .utf8, to findings: inout [Finding]
    ) {
        // Exact reservations would regrow the array on every call; the first suffices.
        if findings.isEmpty { findings.reserveCapacity(outcome.detections.count) }
        // By index, reading fields: a `for … in` loop would copy every detection.
        let detections = outcome.detections
        for index in detections.indices {
            findings.append(Finding(
                path: path,
                line: lineBase + detections[index].lineOffset + 1,
                column: detections[index].columnIsFromRangeStart
                    ? carry + detections[index].column : detections[index].column,
                detector: detections[index].detectorID,
                confidence: detections[index].confidence,
                masked: detections[index].masked,
                fingerprint: detections[index].fingerprint,
                encoding: encoding.rawValue,
                revealedValue: detections[index].revealedValue))
        }
        carry = outcome.newlines > 0 ? outcome.charactersAfterLastNewline : carry + outcome.charactersAfterLastNewline
        lineBase += outcome.newlines
    }
}
