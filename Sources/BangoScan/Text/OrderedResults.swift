import BangoCore
import Synchronization

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
    }

    let labels: FindingLabels
    private let state: Mutex<State>

    /// - Parameters:
    ///   - totals: the text's size and encoding; the rest is filled in as pieces arrive.
    ///   - expectedPieces: the number of pieces, when known before they are made.
    ///   - leadingCharacters: characters before the text proper (a UTF-8 byte order mark).
    init(labels: FindingLabels, totals: ScanTotals, expectedPieces: Int?, leadingCharacters: Int = 0) {
        self.labels = labels
        state = Mutex(
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
        while let piece = state.pending.removeValue(forKey: state.next) {
            state.resolver.appendFindings(of: piece.outcome, labels: labels, to: &ready)
            state.totals.add(
                truncated: piece.truncated, readError: piece.readError, limitEvents: piece.outcome.limitEvents)
            state.next += 1
        }
        state.totals.findings += ready.count
        let isLast = !state.completed && state.expected == state.next
        if !ready.isEmpty || isLast { emit(ready, isLast) }
        guard isLast else { return nil }
        state.completed = true
        return state.totals
    }
}
