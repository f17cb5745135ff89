/// Receives each target's findings, all at once and never concurrently, so one target's
/// findings are never interleaved with another's (the `Sink` idea from ripgrep: the scan
/// knows nothing of output formats).
public protocol FindingSink: AnyObject, Sendable {
    func write(_ findings: [Finding])
}
