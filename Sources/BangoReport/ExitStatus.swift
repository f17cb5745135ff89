/// The process exit codes, a contract scripts rely on. "Found personal data" and "the
/// tool failed" never share a code.
public enum ExitStatus: Int32, Sendable {
    /// Nothing at or above the `--fail-on` threshold, and every target was read.
    case clean = 0
    /// Findings at or above the `--fail-on` threshold.
    case findings = 1
    /// An error: bad arguments, configuration or pattern pack, or a scan that could
    /// not read some of its targets (unless `--tolerate-errors`). Takes precedence over
    /// `findings`, because an incomplete scan cannot vouch for anything.
    case error = 2
    /// Stopped by SIGINT or SIGTERM before the scan was done (128 + SIGINT, as shells
    /// report it): the output is well-formed but incomplete.
    case interrupted = 130

    /// The code for a finished scan.
    /// - Parameter hidingSkips: skipped targets whose content was not scanned (archive
    ///   limits, encryption) that the run counts as errors (`--fail-on-skip`).
    public static func forScan(
        failingFindings: Bool, failedTargets: Int, tolerateErrors: Bool, hidingSkips: Int = 0
    ) -> ExitStatus {
        if failedTargets > 0 && !tolerateErrors { return .error }
        if hidingSkips > 0 { return .error }
        return failingFindings ? .findings : .clean
    }
}
