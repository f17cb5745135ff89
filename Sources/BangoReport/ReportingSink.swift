import BangoCore

/// The sink a scan writes into: filters by `--min-confidence`, formats, writes to the
/// output stream, and counts what it saw for the summary and the exit code.
///
/// Thread-safe: the scan's output gate already calls it one batch at a time, and its
/// counts are read once the scan is over; the lock makes that a checked promise.
public final class ReportingSink: FindingSink, Sendable {
    private struct State: ~Copyable {
        let formatter: FindingFormatter
        /// The formatter, when it writes into a buffer: then `output` serves every batch.
        let bufferedFormatter: BufferedFindingFormatter?
        var output = ByteBuffer(capacity: 1 << 20)
        let stream: OutputStream
        var counts = FindingCounts()
    }

    private let state: Locked<State>
    private let minimumShown: Confidence
    private let failThreshold: Confidence?
    /// Called when the reader of the output went away (for `| head`), with whether a
    /// finding at or above the fail threshold had been seen.
    private let onClosedOutput: @Sendable (_ failingFindingSeen: Bool) -> Void

    public init(
        formatter: FindingFormatter, stream: OutputStream, minimumShown: Confidence, failThreshold: Confidence?,
        onClosedOutput: @escaping @Sendable (_ failingFindingSeen: Bool) -> Void = { _ in }
    ) {
        state = Locked(
            State(formatter: formatter, bufferedFormatter: formatter as? BufferedFindingFormatter, stream: stream))
        self.minimumShown = minimumShown
        self.failThreshold = failThreshold
        self.onClosedOutput = onClosedOutput
    }

    /// What the sink has seen so far.
    public var counts: FindingCounts { state.withLock { $0.counts } }

    public func write(_ findings: [Finding]) {
        let closed: Bool? = state.withLock { state in
            var hidden = 0
            // By index, reading one field: a `for … in` loop would copy every finding.
            for index in findings.indices {
                let confidence = findings[index].confidence
                state.counts.count(confidence)
                if let failThreshold, confidence >= failThreshold {
                    state.counts.failingFindingSeen = true
                    if confidence >= minimumShown { state.counts.failingFindingShown = true }
                }
                if confidence < minimumShown { hidden += 1 }
            }
            // Copy (and retain every string of) the findings only when some are hidden.
            let shown = hidden == 0 ? findings : findings.filter { $0.confidence >= minimumShown }
            state.counts.shown += shown.count
            if let bufferedFormatter = state.bufferedFormatter {
                // A batch far larger than usual (a workbook with a finding on every row)
                // does not keep its memory for the rest of the run.
                state.output.removeAll(keepingCapacityUpTo: 16 << 20)
                bufferedFormatter.write(shown, to: &state.output)
                let stream = state.stream
                state.output.withBytes { stream.write($0) }
            } else {
                state.stream.write(state.formatter.format(shown))
            }
            return state.stream.isClosed ? state.counts.failingFindingSeen : nil
        }
        if let closed { onClosedOutput(closed) }
    }
}
