import BangoCore
import Synchronization

/// The sink in front of the reporter that takes out what the user accepted: findings
/// under an honoured `bango:allow` mark and findings in the baseline. With
/// `--write-baseline` it also collects every finding that reaches it, for the new
/// baseline. What it takes out is counted for the summary.
public final class SuppressingSink: FindingSink, Sendable {
    /// What was taken out, and what was noticed on the way.
    public struct Counts: Sendable, Equatable {
        /// Findings under an honoured `bango:allow` mark.
        public var allowed = 0
        /// Findings under a mark where marks are not honoured (archive members,
        /// documents, binary files): reported all the same.
        public var ignoredAllowMarks = 0
        /// Findings the baseline accepted.
        public var baselined = 0
        /// Baseline entries no finding of this scan matched.
        public var staleBaselineEntries = 0

        public init() {}
    }

    private struct State {
        var counts = Counts()
        var matched = Set<Baseline.Key>()
        var recorded: [Baseline.Entry] = []
    }

    private let next: FindingSink
    private let baseline: Baseline?
    private let recordsBaseline: Bool
    private let minimumRecorded: Confidence
    private let state = Mutex(State())

    /// - Parameters:
    ///   - recordsBaseline: collect the findings for `--write-baseline`;
    ///   - minimumRecorded: the lowest level collected (`--min-confidence`).
    public init(next: FindingSink, baseline: Baseline?, recordsBaseline: Bool, minimumRecorded: Confidence) {
        self.next = next
        self.baseline = baseline
        self.recordsBaseline = recordsBaseline
        self.minimumRecorded = minimumRecorded
    }

    public var counts: Counts {
        state.withLock { state in
            var counts = state.counts
            if let baseline { counts.staleBaselineEntries = baseline.keys.count - state.matched.count }
            return counts
        }
    }

    /// The baseline `--write-baseline` writes: every finding seen at or above the
    /// minimum level, whether the old baseline accepted it or not.
    public var recordedBaseline: Baseline { Baseline(entries: state.withLock { $0.recorded }) }

    public func write(_ findings: [Finding]) {
        state.withLock { state in
            // The common case, nothing to take out, passes the batch on without a copy.
            let needsFilter =
                baseline != nil || recordsBaseline
                || findings.indices.contains { findings[$0].allowMark != .none }
            guard needsFilter else {
                next.write(findings)
                return
            }
            var kept: [Finding] = []
            kept.reserveCapacity(findings.count)
            for finding in findings {
                switch finding.allowMark {
                case .honoured:
                    state.counts.allowed += 1
                    continue
                case .ignored: state.counts.ignoredAllowMarks += 1
                case .none: break
                }
                if recordsBaseline, finding.confidence >= minimumRecorded {
                    state.recorded.append(Baseline.Entry(finding))
                }
                if let baseline {
                    let key = Baseline.Key(finding)
                    if baseline.keys.contains(key) {
                        state.matched.insert(key)
                        state.counts.baselined += 1
                        continue
                    }
                }
                kept.append(finding)
            }
            // Called under the lock: the output gate hands over one batch at a time, and
            // the reporter must see them in that order.
            if !kept.isEmpty { next.write(kept) }
        }
    }
}
