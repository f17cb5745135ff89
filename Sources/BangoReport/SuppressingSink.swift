import BangoCore

/// The sink in front of the reporter that takes out what the user accepted: findings
/// under an honoured `bango:allow` mark, in a file the config's `allow-paths` name, and
/// in the baseline. With
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
        /// Findings in files the config's `allow-paths` accept.
        public var allowedByPath = 0
        /// Findings the baseline accepted.
        public var baselined = 0
        /// Baseline entries no finding of this scan matched.
        public var staleBaselineEntries = 0

        public init() {}

        /// The counts of two shards of one sweep: what each took out adds up, but a
        /// baseline entry stale in one shard may have matched in the other, so only
        /// what both left unmatched can be stale (at most the smaller count).
        public func merged(with other: Counts) -> Counts {
            var sum = self
            sum.allowed += other.allowed
            sum.ignoredAllowMarks += other.ignoredAllowMarks
            sum.allowedByPath += other.allowedByPath
            sum.baselined += other.baselined
            sum.staleBaselineEntries = min(staleBaselineEntries, other.staleBaselineEntries)
            return sum
        }
    }

    private struct State {
        var counts = Counts()
        var matched = Set<Baseline.Key>()
        var recorded: [Baseline.Entry] = []
        /// The last path asked about, as findings come a file at a time.
        var lastPath: (path: String, allowed: Bool)?
    }

    private let next: FindingSink
    private let baseline: Baseline?
    private let recordsBaseline: Bool
    private let minimumRecorded: Confidence
    private let isAllowedPath: (@Sendable (String) -> Bool)?
    private let state = Locked(State())

    /// - Parameters:
    ///   - recordsBaseline: collect the findings for `--write-baseline`;
    ///   - minimumRecorded: the lowest level collected (`--min-confidence`);
    ///   - isAllowedPath: whether a finding's path is one whose findings are accepted.
    public init(
        next: FindingSink, baseline: Baseline?, recordsBaseline: Bool, minimumRecorded: Confidence,
        isAllowedPath: (@Sendable (String) -> Bool)? = nil
    ) {
        self.isAllowedPath = isAllowedPath
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
                baseline != nil || recordsBaseline || isAllowedPath != nil
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
                if let isAllowedPath {
                    if state.lastPath?.path != finding.path {
                        state.lastPath = (finding.path, isAllowedPath(finding.path))
                    }
                    if state.lastPath?.allowed == true {
                        state.counts.allowedByPath += 1
                        continue
                    }
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
