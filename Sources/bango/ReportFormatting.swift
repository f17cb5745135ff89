import BangoCore
import BangoReport
import Foundation

/// How the chosen `--format` is produced: streamed finding by finding (text, JSON Lines,
/// CSV), or collected and written whole once the scan is over (SARIF, JUnit).
struct ReportFormatting {
    let format: OutputFormatArgument
    let formatter: FindingFormatter
    /// Set for the formats written whole.
    let collector: FindingCollector?

    init(format: OutputFormatArgument, reveal: Bool) {
        self.format = format
        switch format {
        case .text: formatter = TextFormatter()
        case .jsonl: formatter = JSONLinesFormatter()
        case .csv: formatter = CSVFormatter(reveal: reveal)
        case .sarif, .junit: formatter = FindingCollector()
        }
        collector = formatter as? FindingCollector
    }

    /// Whether the report needs every scanned target, not only the ones with problems.
    var needsScannedEntries: Bool { format == .junit }

    /// What comes before the first finding.
    var header: [UInt8] { (formatter as? CSVFormatter)?.header ?? [] }

    /// The whole report, for the formats written at the end, and a note for stderr when
    /// the report had to leave findings out.
    func document(
        summary: RunSummary, engine: DetectionEngine, sourceRoot: String
    ) -> (bytes: [UInt8], note: String?) {
        guard let collector else { return ([], nil) }
        let findings = collector.findings
        switch format {
        case .sarif:
            let failures = summary.entries.filter { $0.status == .failed }.map { entry in
                entry.path + (entry.member.map { "!/" + $0 } ?? "") + ": " + (entry.reason?.phrase ?? "failed")
            }
            let (kept, cut) = SARIFReport.kept(findings)
            let report = SARIFReport(
                rules: engine.detectors.map(\.definition), toolVersion: Bango.version, sourceRoot: sourceRoot,
                failures: failures)
            let note =
                cut > 0
                ? "bango: the SARIF report holds the \(kept.count) most severe of \(findings.count) findings "
                    + "(code-scanning uploads take at most \(SARIFReport.resultLimit) results per run)\n" : nil
            return (report.render(kept, cut: cut), note)
        case .junit:
            return (JUnitReport(entries: summary.entries, seconds: summary.seconds).render(findings), nil)
        default:
            return ([], nil)
        }
    }
}
