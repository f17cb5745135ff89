/// Totals of a run.
public struct ManifestSummary: Sendable, Equatable {
    public var scannedFiles: Int
    public var scannedBytes: Int
    public var findings: Int
    public var skipped: [TargetReason: Int]
    public var failed: [TargetReason: Int]
    /// Scanned files (counted in ``scannedFiles``) whose findings an earlier run's carried
    /// over because they were unchanged, and their bytes: not read this time.
    public var unchangedFiles = 0
    public var unchangedBytes = 0

    public init(
        scannedFiles: Int, scannedBytes: Int, findings: Int, skipped: [TargetReason: Int], failed: [TargetReason: Int],
        unchangedFiles: Int = 0, unchangedBytes: Int = 0
    ) {
        self.scannedFiles = scannedFiles
        self.scannedBytes = scannedBytes
        self.findings = findings
        self.skipped = skipped
        self.failed = failed
        self.unchangedFiles = unchangedFiles
        self.unchangedBytes = unchangedBytes
    }

    public var skippedCount: Int { skipped.values.reduce(0, +) }
    public var failedCount: Int { failed.values.reduce(0, +) }
}
