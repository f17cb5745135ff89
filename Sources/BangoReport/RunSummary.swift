import BangoCore
import Foundation

/// The human summary on stderr and the machine manifest (`--manifest FILE`).
public struct RunSummary {
    public let summary: ManifestSummary
    public let entries: [ManifestEntry]
    public let findingsByLevel: [Confidence: Int]
    public let shownFindings: Int
    /// The lowest level the report showed (`--min-confidence` or its default).
    public let minimumShown: Confidence
    /// The `--fail-on` level, when the scan fails on findings and none of them was shown.
    public let failingOnHiddenFindings: Confidence?
    /// Stopped by a signal before every target was scanned.
    public let interrupted: Bool
    public let seconds: Double
    /// What baselines and allow marks took out; nil when neither was in play.
    public let suppression: SuppressingSink.Counts?

    public init(
        manifest: Manifest, findingsByLevel: [Confidence: Int], shownFindings: Int, seconds: Double,
        suppression: SuppressingSink.Counts? = nil, minimumShown: Confidence = .low, interrupted: Bool = false,
        failingOnHiddenFindings: Confidence? = nil
    ) {
        self.interrupted = interrupted
        self.minimumShown = minimumShown
        self.failingOnHiddenFindings = failingOnHiddenFindings
        summary = manifest.summary
        entries = manifest.sortedEntries
        self.findingsByLevel = findingsByLevel
        self.shownFindings = shownFindings
        self.seconds = seconds
        self.suppression = suppression
    }

    /// Lines for stderr: each failed target, then one summary line. Paths only; never
    /// a matched value.
    public var humanText: String {
        var lines: [String] = []
        for entry in entries where entry.status == .failed {
            var line =
                "bango: \(entry.path)\(entry.member.map { "!/" + $0 } ?? ""): \(entry.reason?.phrase ?? "failed")"
            if let detail = entry.detail { line += " (\(detail))" }
            lines.append(line)
        }
        let total = findingsByLevel.values.reduce(0, +)
        var text = "bango: scanned \(summary.scannedFiles) file\(summary.scannedFiles == 1 ? "" : "s")"
        text += " (\(Self.bytes(summary.scannedBytes))) in \(String(format: "%.2f", seconds)) s"
        let levels = Confidence.allCases.reversed().map { "\($0.name) \(findingsByLevel[$0] ?? 0)" }.joined(
            separator: ", ")
        text += "; \(total) finding\(total == 1 ? "" : "s") (\(levels))"
        if shownFindings < total { text += "; " + Self.hiddenText(total - shownFindings, minimumShown: minimumShown) }
        if let suppression { text += Self.suppressionText(suppression) }
        text += "; skipped \(summary.skippedCount)" + Self.breakdown(summary.skipped)
        text += "; failed \(summary.failedCount)" + Self.breakdown(summary.failed)
        lines.append(text)
        if interrupted {
            lines.append("bango: interrupted: the scan stopped before every target was read; the report is incomplete")
        }
        if let level = failingOnHiddenFindings {
            lines.append(
                "bango: exit 1 on findings at \(level.name) or above that the report leaves out:"
                    + " --min-confidence \(level.name) lists them, --fail-on \(minimumShown.name) fails only on what is shown"
            )
        }
        if let ignored = suppression?.ignoredAllowMarks, ignored > 0 {
            lines.append(
                "bango: note: \(ignored) finding\(ignored == 1 ? "" : "s") under a bango:allow mark inside an archive"
                    + " member, document or binary file reported all the same: marks work in text files only")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The manifest as JSON: totals plus one entry per skipped or failed target (and
    /// per scanned file when the manifest keeps them), one entry a line.
    public var json: String { json(sweep: nil) }

    /// The manifest, headed by what a shard of a sweep is (`--shard`).
    public func json(sweep: SweepShard?) -> String {
        var output = ManifestJSON.header(
            lead: sweep.map { "\"sweep\": " + ManifestJSON.sweepLine($0) }, summary: summary, interrupted: interrupted,
            findings: findingsByLevel, suppression: suppression, seconds: seconds)
        output += entries.map { "    " + ManifestJSON.entryLine($0) }.joined(separator: ",\n")
        return output + ManifestJSON.footer(hasEntries: !entries.isEmpty)
    }

    /// `12 low-confidence findings not shown; --min-confidence low lists them`.
    static func hiddenText(_ count: Int, minimumShown: Confidence) -> String {
        let levels = minimumShown == .high ? "low- and medium-confidence" : "low-confidence"
        let noun = count == 1 ? "finding" : "findings"
        return "\(grouped(count)) \(levels) \(noun) not shown; --min-confidence low lists them"
    }

    /// `12,345`: a count a person reads at a glance.
    public static func grouped(_ count: Int) -> String {
        let digits = Array(String(count))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// `; suppressed 2 by bango:allow, 5 by the baseline (1 baseline entry not seen …)`.
    static func suppressionText(_ counts: SuppressingSink.Counts) -> String {
        var parts: [String] = []
        if counts.allowed > 0 { parts.append("\(counts.allowed) by bango:allow") }
        if counts.allowedByPath > 0 { parts.append("\(counts.allowedByPath) in allow-paths") }
        var baseline = "\(counts.baselined) by the baseline"
        if counts.staleBaselineEntries > 0 {
            let entries = counts.staleBaselineEntries == 1 ? "entry" : "entries"
            baseline += " (\(counts.staleBaselineEntries) baseline \(entries) not seen: stale, or outside this scan)"
        }
        if counts.baselined > 0 || counts.staleBaselineEntries > 0 { parts.append(baseline) }
        return parts.isEmpty ? "" : "; suppressed " + parts.joined(separator: ", ")
    }

    static func breakdown(_ counts: [TargetReason: Int]) -> String {
        guard !counts.isEmpty else { return "" }
        let parts = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.phrase): \($0.value)" }
        return " (" + parts.joined(separator: ", ") + ")"
    }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}
