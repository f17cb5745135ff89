import BangoCore
import Foundation

/// The pieces of the manifest's JSON that a scan writes and `bango merge` writes again,
/// in one place so that a merged manifest reads exactly like a single run's.
public enum ManifestJSON {
    /// One target entry, on one line (merge reads the targets line by line).
    public static func entryLine(_ entry: ManifestEntry) -> String {
        var fields = ["\"path\": " + JSON.quote(entry.path)]
        if let member = entry.member { fields.append("\"member\": " + JSON.quote(member)) }
        fields += ["\"kind\": " + JSON.quote(entry.kind), "\"status\": \"\(entry.status.rawValue)\""]
        if let reason = entry.reason { fields.append("\"reason\": \"\(reason.rawValue)\"") }
        if let detail = entry.detail { fields.append("\"detail\": " + JSON.quote(detail)) }
        if let bytes = entry.bytes { fields.append("\"bytes\": \(bytes)") }
        if let findings = entry.findings { fields.append("\"findings\": \(findings)") }
        if let encoding = entry.encoding { fields.append("\"encoding\": " + JSON.quote(encoding)) }
        if let part = entry.part {
            // [start, end, newlines, characters after the last newline] per range.
            let ranges = zip(part.ranges, part.lines).map {
                "[\($0.lowerBound), \($0.upperBound), \($1.newlines), \($1.tail)]"
            }.joined(separator: ", ")
            fields.append("\"part\": {\"ranges\": [\(ranges)], \"of\": \(part.fileSize)}")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// Everything before the first target entry: `lead` (a shard's `sweep` record, a
    /// merge's shard count) as its first field, the totals, and the opening of `targets`.
    static func header(
        lead: String?, summary: ManifestSummary, interrupted: Bool, findings: [Confidence: Int],
        suppression: SuppressingSink.Counts?, seconds: Double
    ) -> String {
        var output = "{\n"
        if let lead { output += "  " + lead + ",\n" }
        output += "  \"scanned_files\": \(summary.scannedFiles),\n  \"scanned_bytes\": \(summary.scannedBytes),\n"
        if interrupted { output += "  \"interrupted\": true,\n" }
        output += "  \"findings\": " + levelsJSON(findings) + ",\n"
        if let suppression { output += "  \"suppressed\": " + suppressionJSON(suppression) + ",\n" }
        output += "  \"skipped\": " + countsJSON(summary.skipped) + ",\n"
        output += "  \"failed\": " + countsJSON(summary.failed) + ",\n"
        output += "  \"seconds\": " + String(format: "%.3f", seconds) + ",\n"
        return output + "  \"targets\": [\n"
    }

    /// What follows the last target entry.
    static func footer(hasEntries: Bool) -> String { hasEntries ? "\n  ]\n}\n" : "  ]\n}\n" }

    static func countsJSON(_ counts: [TargetReason: Int]) -> String {
        "{"
            + counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\"\($0.key.rawValue)\": \($0.value)" }
            .joined(separator: ", ") + "}"
    }

    /// `{"high": 1, "medium": 0, "low": 2}`.
    static func levelsJSON(_ levels: [Confidence: Int]) -> String {
        "{" + Confidence.allCases.reversed().map { "\"\($0.name)\": \(levels[$0] ?? 0)" }.joined(separator: ", ") + "}"
    }

    static func suppressionJSON(_ counts: SuppressingSink.Counts) -> String {
        "{\"allowed\": \(counts.allowed), \"baseline\": \(counts.baselined), "
            + "\"stale_baseline_entries\": \(counts.staleBaselineEntries), "
            + "\"ignored_allow_marks\": \(counts.ignoredAllowMarks), \"allow_paths\": \(counts.allowedByPath)}"
    }

    /// The shard record on one line, keys sorted.
    public static func sweepLine(_ sweep: SweepShard) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A struct of strings and integers always encodes.
        let data = (try? encoder.encode(sweep)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
