import BangoReport

/// The report for a person at a terminal: totals, tallies, changes and problems, with
/// the new and resolved findings listed (persisting ones only counted).
enum StoreReportText {
    static let listed = 200

    static func render(_ report: StoreReport) -> String {
        let run = report.run
        var lines = [
            "bango audit report: run \(run.id) (\(run.status.rawValue)), \(run.started) to \(run.ended ?? "-")"
        ]
        lines.append("roots: " + run.roots.joined(separator: ", "))
        lines.append(
            "scanned \(run.scannedFiles) file\(run.scannedFiles == 1 ? "" : "s") (\(run.unchangedFiles) unchanged since an earlier run), skipped \(run.skipped), failed \(run.failed)"
        )
        let all = report.byConfidence
        lines.append("findings: \(all.total) (high \(all.high), medium \(all.medium), low \(all.low))")
        if let since = report.since {
            lines.append(
                "since run \(since): \(report.new) new, \(report.persisting) persisting, \(report.resolved) resolved")
        } else {
            lines.append("the first run on these roots: every finding is new")
        }
        lines += table("by detector", report.byDetector)
        lines += table("top folders", report.byFolder)
        lines += table("top owners", report.byOwner)
        for change in [StoreReport.Item.Change.new, .resolved] {
            let items = report.items.filter { $0.change == change }
            guard !items.isEmpty else { continue }
            lines.append("")
            lines.append("\(change.rawValue) findings (\(items.count)):")
            for item in items.prefix(listed) {
                var place = item.path + (item.member.map { "!/" + $0 } ?? "") + ":\(item.line):\(item.column)"
                if let location = item.location { place += " (\(location))" }
                lines.append("  \(place)  \(item.detector)  \(item.confidence)  \(item.masked)")
            }
            if items.count > listed {
                lines.append("  … and \(items.count - listed) more (--format csv lists every one)")
            }
        }
        if !report.problems.isEmpty {
            lines.append("")
            lines.append("not scanned, or not in full (\(report.problems.count)):")
            for problem in report.problems.prefix(listed) {
                let place = problem.path + (problem.member.map { "!/" + $0 } ?? "")
                lines.append(
                    "  \(place)  \(problem.status): \(problem.reason)" + (problem.detail.map { " (\($0))" } ?? ""))
            }
            if report.problems.count > listed {
                lines.append("  … and \(report.problems.count - listed) more (--format json lists every one)")
            }
        }
        if report.trend.count > 1 {
            lines.append("")
            lines.append("trend (complete runs on these roots):")
            for point in report.trend {
                lines.append(
                    "  run \(point.run)  \(point.started)  \(point.findings) findings"
                        + (point.new.map { ", \($0) new" } ?? "") + (point.resolved.map { ", \($0) resolved" } ?? ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func table(_ title: String, _ tallies: [StoreReport.Tally]) -> [String] {
        guard !tallies.isEmpty else { return [] }
        let width = min(60, tallies.map(\.name.count).max() ?? 0)
        var lines = ["", "\(title):"]
        for tally in tallies {
            let name =
                tally.name.count >= width
                ? tally.name : tally.name + String(repeating: " ", count: width - tally.name.count)
            lines.append("  \(name)  \(tally.total)  (high \(tally.high), medium \(tally.medium), low \(tally.low))")
        }
        return lines
    }
}
