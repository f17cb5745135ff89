import BangoCore
import Foundation

/// A file that is not UTF-8, decoded block after block by one worker while any worker
/// scans the decoded blocks. Like ``LargeFile``, findings leave in file order as soon
/// as the blocks in front of them are done; unlike it, the number of blocks is known
/// only when decoding ends.
final class DecodedFile: @unchecked Sendable {
    // SAFETY (concurrency): `path` and `encoding` are immutable; everything else is only
    // touched under `lock`.
    let path: TargetPath
    let encoding: TextEncoding
    private let lock = NSLock()
    private var results: [Int: ScanOutcome] = [:]
    private var nextToResolve = 0
    private var resolver = LineResolver()
    private var blockCount: Int? = nil
    private var completed = false
    /// Blocks handed to other workers and not yet stored.
    private var inFlight = 0
    private var findingCount = 0
    private var limitEvents: [MatchLimitEvent] = []

    /// One decoded block: UTF-8 text (with the context before and after it) and the
    /// part of it this block reports on.
    struct Block {
        let index: Int
        let text: [UInt8]
        let reportRange: Range<Int>
        let isFileStart: Bool
        let table: TableHeader?
    }

    /// What the decoder learned about the whole file, for the manifest.
    struct Summary {
        var size: Int
        var invalidSequences: Int
        /// errno of a failed read, if one failed.
        var readError: Int32?
        /// The file ended before its size said (shrunk while being read).
        var truncated = false
        var findings: Int = 0
        var limitEvents: [MatchLimitEvent] = []
    }

    init(path: TargetPath, encoding: TextEncoding) {
        self.path = path
        self.encoding = encoding
    }

    /// Takes a slot for a block another worker will scan, if fewer than `limit` are out:
    /// the decoder scans the block itself otherwise, so decoded text waiting in memory
    /// stays bounded.
    func reserveSlot(limit: Int) -> Bool {
        lock.withLock {
            guard inFlight < limit else { return false }
            inFlight += 1
            return true
        }
    }

    /// Stores a block's outcome; `emit` gets every finding now ready in order (under the
    /// lock, so parts leave in file order) and `isLast` once the file is complete, when
    /// `complete` also runs with the file's summary.
    func store(_ outcome: ScanOutcome, at index: Int, wasQueued: Bool,
               emit: ([Finding], _ isLast: Bool) -> Void, complete: (Summary) -> Void) {
        lock.withLock {
            if wasQueued { inFlight -= 1 }
            results[index] = outcome
            drain(emit: emit, complete: complete)
        }
    }

    /// Called by the decoder after its last block: the count, and what it saw.
    func finish(blockCount: Int, summary: Summary, emit: ([Finding], _ isLast: Bool) -> Void, complete: (Summary) -> Void) {
        lock.withLock {
            self.blockCount = blockCount
            self.summary = summary
            drain(emit: emit, complete: complete)
        }
    }

    /// The decoder's summary, once it has finished.
    private var summary: Summary? = nil

    /// Under `lock`: resolves blocks in order and completes the file once all are in.
    private func drain(emit: ([Finding], Bool) -> Void, complete: (Summary) -> Void) {
        var ready: [Finding] = []
        while let outcome = results.removeValue(forKey: nextToResolve) {
            resolver.appendFindings(of: outcome, path: path.description, encoding: encoding, to: &ready)
            limitEvents += outcome.limitEvents
            nextToResolve += 1
        }
        findingCount += ready.count
        let isLast = !completed && blockCount == nextToResolve
        if !ready.isEmpty || isLast { emit(ready, isLast) }
        if isLast, var final = summary {
            completed = true
            final.findings = findingCount
            final.limitEvents = limitEvents
            complete(final)
        }
    }
}
