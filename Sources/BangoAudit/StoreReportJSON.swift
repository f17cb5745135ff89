import BangoReport

/// The report for machines: one JSON object with every tally, change and problem.
enum StoreReportJSON {
    static func render(_ report: StoreReport) -> String {
        let run = report.run
        func quote(_ text: String?) -> String { text.map(JSON.quote) ?? "null" }
        func number(_ value: Int?) -> String { value.map(String.init) ?? "null" }
        func tallies(_ list: [StoreReport.Tally]) -> String {
            "["
                + list.map {
                    "{\"name\": \(quote($0.name)), \"total\": \($0.total), \"high\": \($0.high), \"medium\": \($0.medium), \"low\": \($0.low)}"
                }.joined(separator: ", ") + "]"
        }
        var fields: [String] = []
        fields.append(
            "\"run\": {\"id\": \(run.id), \"status\": \(quote(run.status.rawValue)), \"started\": \(quote(run.started)), "
                + "\"ended\": \(quote(run.ended)), \"roots\": [\(run.roots.map(JSON.quote).joined(separator: ", "))], "
                + "\"version\": \(quote(run.version)), \"scanned_files\": \(run.scannedFiles), "
                + "\"scanned_bytes\": \(run.scannedBytes), \"unchanged_files\": \(run.unchangedFiles), "
                + "\"skipped\": \(run.skipped), \"failed\": \(run.failed)}")
        let all = report.byConfidence
        fields.append(
            "\"findings\": {\"total\": \(all.total), \"high\": \(all.high), \"medium\": \(all.medium), \"low\": \(all.low)}"
        )
        fields.append(
            "\"changes\": {\"since\": \(number(report.since)), \"new\": \(report.new), "
                + "\"persisting\": \(report.persisting), \"resolved\": \(report.resolved)}")
        fields.append("\"by_detector\": " + tallies(report.byDetector))
        fields.append("\"top_folders\": " + tallies(report.byFolder))
        fields.append("\"top_owners\": " + tallies(report.byOwner))
        fields.append(
            "\"items\": [\n"
                + report.items.map { item in
                    "    {\"change\": \"\(item.change.rawValue)\", \"path\": \(quote(item.path)), "
                        + "\"member\": \(quote(item.member)), \"line\": \(item.line), \"column\": \(item.column), "
                        + "\"detector\": \(quote(item.detector)), \"confidence\": \(quote(item.confidence)), "
                        + "\"masked\": \(quote(item.masked)), \"fingerprint\": \(quote(item.fingerprint)), "
                        + "\"location\": \(quote(item.location))}"
                }.joined(separator: ",\n") + "\n  ]")
        fields.append(
            "\"problems\": ["
                + report.problems.map {
                    "{\"path\": \(quote($0.path)), \"member\": \(quote($0.member)), \"status\": \(quote($0.status)), "
                        + "\"reason\": \(quote($0.reason)), \"detail\": \(quote($0.detail))}"
                }.joined(separator: ", ") + "]")
        fields.append(
            "\"trend\": ["
                + report.trend.map {
                    "{\"run\": \($0.run), \"started\": \(quote($0.started)), \"findings\": \($0.findings), "
                        + "\"new\": \(number($0.new)), \"resolved\": \(number($0.resolved))}"
                }.joined(separator: ", ") + "]")
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
    }
}
