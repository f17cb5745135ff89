import BangoCore

/// The results of one text scanned in pieces (chunks of a large file, decoded blocks),
/// put back in text order: as soon as the pieces at the front are done their findings
/// are resolved to text lines and handed on, so memory holds the findings of pieces
/// finished out of order, not those of the whole text.
///
/// The number of pieces is known up front for chunks, and only when decoding ends for
/// blocks (``finish(pieceCount:update:emit:)``).
final class OrderedResults: Sendable {
    /// What scanning one piece gave.
    struct Piece: Sendable {
        var outcome: ScanOutcome
        var truncated = false
        var readError: Int32?
    }

    private struct State {
        var pending: [Int: Piece] = [:]
        var next = 0
        var resolver: LineResolver
        var expected: Int?
        var completed = false
        /// Pieces handed to other workers and not yet stored.
        var inFlight = 0
        var totals: ScanTotals
        /// For a split file: the byte offset of the owned range being resolved, and
        /// the lines of each range so far.
        var rangeOffset = 0
        var rangeLines: [FilePart.Lines] = []
    }

    let labels: FindingLabels
    private let state: Locked<State>
    private let leadingCharacters: Int
    private let split: SplitLayout?

    /// - Parameters:
    ///   - totals: the text's size and encoding; the rest is filled in as pieces arrive.
    ///   - expectedPieces: the number of pieces, when known before they are made.
    ///   - leadingCharacters: characters before the text proper (a UTF-8 byte order mark).
    init(
        labels: FindingLabels, totals: ScanTotals, expectedPieces: Int?, leadingCharacters: Int = 0,
        split: SplitLayout? = nil
    ) {
        self.labels = labels
        self.leadingCharacters = leadingCharacters
        self.split = split
        state = Locked(
            State(
                resolver: LineResolver(leadingCharacters: leadingCharacters), expected: expectedPieces, totals: totals))
    }

    /// Takes a slot for a piece another worker will scan, if fewer than `limit` are out:
    /// the producer scans the piece itself otherwise, so pieces waiting in memory stay
    /// bounded.
    func reserveSlot(limit: Int) -> Bool {
        state.withLock { state in
            guard state.inFlight < limit else { return false }
            state.inFlight += 1
            return true
        }
    }

    /// Stores piece `index`; `emit` gets every finding now ready in order (under the
    /// lock, so parts leave in text order), with `isLast` on the call that completes the
    /// text. Returns the text's totals from that call, nil from the others.
    func store(
        _ piece: Piece, at index: Int, wasQueued: Bool = false, emit: ([Finding], _ isLast: Bool) -> Void
    ) -> ScanTotals? {
        state.withLock { state in
            if wasQueued { state.inFlight -= 1 }
            state.pending[index] = piece
            return drain(&state, emit: emit)
        }
    }

    /// Called by the producer of blocks after its last one: how many there were, and
    /// what it learned of the whole text (invalid sequences, a failed or short read).
    func finish(pieceCount: Int, update: (inout ScanTotals) -> Void, emit: ([Finding], _ isLast: Bool) -> Void)
        -> ScanTotals?
    {
        state.withLock { state in
            state.expected = pieceCount
            update(&state.totals)
            return drain(&state, emit: emit)
        }
    }

    /// Under the lock: resolves pieces in order and completes the text once all are in.
    private func drain(_ state: inout State, emit: ([Finding], Bool) -> Void) -> ScanTotals? {
        var ready: [Finding] = []
        while true {
            // Another shard's chunks never arrive: they are passed over, not waited for.
            if let split, state.next < split.owned.count, !split.owned[state.next] {
                state.next += 1
                continue
            }
            guard let piece = state.pending.removeValue(forKey: state.next) else { break }
            let index = state.next
            state.next += 1
            if let split {
                resolveOwned(piece, index: index, split: split, state: &state, into: &ready)
            } else {
                state.resolver.appendFindings(of: piece.outcome, labels: labels, to: &ready)
            }
            state.totals.add(
                truncated: piece.truncated, readError: piece.readError, limitEvents: piece.outcome.limitEvents)
        }
        state.totals.findings += ready.count
        let isLast = !state.completed && state.expected == state.next
        if isLast, split != nil { state.totals.part?.lines = state.rangeLines }
        if !ready.isEmpty || isLast { emit(ready, isLast) }
        guard isLast else { return nil }
        state.completed = true
        return state.totals
    }

    /// One owned chunk of a split file: a range's first chunk starts the count of lines
    /// and columns afresh (what comes before belongs to other shards), and its findings
    /// carry the range's offset for the merge to make their positions the file's.
    private func resolveOwned(
        _ piece: Piece, index: Int, split: SplitLayout, state: inout State, into ready: inout [Finding]
    ) {
        if split.startsRange(index) {
            let leading = index == 0 ? leadingCharacters : 0
            state.resolver = LineResolver(leadingCharacters: leading)
            state.rangeOffset = index * split.chunkSize
            state.rangeLines.append(FilePart.Lines(tail: -leading))
        }
        let first = ready.count
        state.resolver.appendFindings(of: piece.outcome, labels: labels, to: &ready)
        if state.rangeOffset > 0 {
            for finding in first..<ready.count { ready[finding].pieceOffset = state.rangeOffset }
        }
        let last = state.rangeLines.count - 1
        state.rangeLines[last] = state.rangeLines[last].followed(
            by: FilePart.Lines(newlines: piece.outcome.newlines, tail: piece.outcome.charactersAfterLastNewline))
    }
}
