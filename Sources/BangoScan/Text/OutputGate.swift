import BangoCore

/// Hands findings to the sink so that each target's findings arrive in one piece, while
/// a text scanned in pieces streams its findings out part by part instead of piling
/// them up in memory.
///
/// One such text at a time *owns* the output; its parts are written as they come.
/// Meanwhile whole targets and other texts queue their findings here, and they are
/// written when the owner finishes. Nobody ever waits, so workers cannot deadlock on
/// output whatever the mix of targets.
final class OutputGate: Sendable {
    private struct State {
        /// The sink is reached only through this state, so only under the lock: it
        /// needs no synchronisation of its own.
        let sink: FindingSink
        let sortByPath: Bool
        /// Texts are held, not named by address: a finished text's memory may be reused by
        /// the next one while its entry still waits here.
        var owner: OrderedResults?
        var pendingTargets: [[Finding]] = []
        /// Texts waiting for the output, in arrival order, with their parts so far.
        var waiting: [(text: OrderedResults, parts: [[Finding]], complete: Bool)] = []
        var sorted: [(path: String, findings: [Finding])] = []
        var sortingParts: [ObjectIdentifier: [Finding]] = [:]

        /// The owner is done: flush queued targets, then give the output to the next
        /// waiting text (writing what it has so far).
        mutating func handOver() {
            owner = nil
            for findings in pendingTargets { sink.write(findings) }
            pendingTargets.removeAll()
            while !waiting.isEmpty {
                let next = waiting.removeFirst()
                for part in next.parts where !part.isEmpty { sink.write(part) }
                if !next.complete {
                    owner = next.text
                    return
                }
            }
        }
    }

    private let state: Locked<State>

    init(sink: sending FindingSink, sortByPath: Bool) {
        state = Locked(State(sink: sink, sortByPath: sortByPath))
    }

    /// A whole target's findings.
    func write(path: String, findings: [Finding]) {
        guard !findings.isEmpty else { return }
        state.withLock { state in
            if state.sortByPath {
                state.sorted.append((path, findings))
            } else if state.owner == nil {
                state.sink.write(findings)
            } else {
                state.pendingTargets.append(findings)
            }
        }
    }

    /// The next part of a text's findings, in text order; `isLast` ends the text.
    func writePart(of text: OrderedResults, findings: [Finding], isLast: Bool) {
        state.withLock { state in
            if state.sortByPath {
                // Keyed by address only while `text` is alive: its last part removes the entry.
                state.sortingParts[ObjectIdentifier(text), default: []] += findings
                if isLast, let all = state.sortingParts.removeValue(forKey: ObjectIdentifier(text)), !all.isEmpty {
                    state.sorted.append((text.labels.path, all))
                }
                return
            }
            if state.owner == nil && !state.waiting.contains(where: { $0.text === text }) { state.owner = text }
            if state.owner === text {
                if !findings.isEmpty { state.sink.write(findings) }
                if isLast { state.handOver() }
            } else if let index = state.waiting.firstIndex(where: { $0.text === text }) {
                state.waiting[index].parts.append(findings)
                state.waiting[index].complete = isLast
            } else {
                state.waiting.append((text, [findings], isLast))
            }
        }
    }

    /// Writes everything sorted by path (with `sortByPath`), at the end of a run.
    /// After an interrupted run, also writes what texts cut short had found, so the
    /// output holds every finding made (after a complete run nothing else is waiting).
    func finish() {
        state.withLock { state in
            for (_, findings) in state.sorted.sorted(by: { $0.path < $1.path }) { state.sink.write(findings) }
            state.sorted.removeAll()
            for (_, parts) in state.sortingParts where !parts.isEmpty { state.sink.write(parts) }
            state.sortingParts.removeAll()
            for findings in state.pendingTargets { state.sink.write(findings) }
            state.pendingTargets.removeAll()
            for waiting in state.waiting {
                for part in waiting.parts where !part.isEmpty { state.sink.write(part) }
            }
            state.waiting.removeAll()
        }
    }
}
