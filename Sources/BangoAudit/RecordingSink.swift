import BangoCore

/// The sink in front of the report while a run is recorded: every finding the scan
/// makes goes into the store (before baselines and confidence filters, which are the
/// report's business) and on to the next sink.
public final class RecordingSink: FindingSink, Sendable {
    let writer: RunWriter
    let next: FindingSink

    init(writer: RunWriter, next: FindingSink) {
        self.writer = writer
        self.next = next
    }

    public func write(_ findings: [Finding]) {
        writer.recordFindings(findings)
        next.write(findings)
    }
}
