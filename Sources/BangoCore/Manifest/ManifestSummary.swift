/// Totals of a run.
public struct ManifestSummary: Sendable, Equatable {
    public var scannedFiles: Int
    public var scannedBytes: Int
    public var findings: Int
    public var skipped: [TargetReason: Int]
    public var failed: [TargetReason: Int]

    public var skippedCount: Int { skipped.values.reduce(0, +) }
    public var failedCount: Int { failed.values.reduce(0, +) }
}
