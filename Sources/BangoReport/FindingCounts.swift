import BangoCore

/// Findings a sink has seen, per level, shown or not.
public struct FindingCounts: Sendable, Equatable {
    public var low = 0
    public var medium = 0
    public var high = 0
    /// Findings at or above `--min-confidence`, which were written.
    public var shown = 0
    /// Whether any finding reached the `--fail-on` threshold.
    public var failingFindingSeen = false
    /// Whether any finding at the `--fail-on` threshold was also shown: when none was,
    /// the scan fails on findings the report left out, and the summary must say so.
    public var failingFindingShown = false

    public init() {}

    public var total: Int { low + medium + high }

    /// Findings below `level`, which a report showing `level` and above leaves out.
    public func below(_ level: Confidence) -> Int {
        switch level {
        case .low: 0
        case .medium: low
        case .high: low + medium
        }
    }

    /// The counts by level, leaving out levels with none.
    public var byLevel: [Confidence: Int] {
        [.low: low, .medium: medium, .high: high].filter { $0.value > 0 }
    }

    mutating func count(_ confidence: Confidence) {
        switch confidence {
        case .low: low += 1
        case .medium: medium += 1
        case .high: high += 1
        }
    }
}
