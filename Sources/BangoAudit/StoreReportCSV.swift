import BangoReport

/// The report for a spreadsheet: one RFC 4180 row per finding of the run and per
/// finding it resolved, with how each changed. UTF-8 (with a byte order mark when asked,
/// which Excel needs to read Japanese paths right), CRLF line ends.
enum StoreReportCSV {
    static let columns = [
        "change", "path", "member", "line", "column", "detector", "confidence", "masked", "fingerprint", "location",
    ]

    static func render(_ report: StoreReport, byteOrderMark: Bool) -> String {
        var output = byteOrderMark ? "\u{FEFF}" : ""
        output += columns.joined(separator: ",") + "\r\n"
        for item in report.items {
            let fields = [
                item.change.rawValue, item.path, item.member ?? "", String(item.line), String(item.column),
                item.detector, item.confidence, item.masked, item.fingerprint, item.location ?? "",
            ]
            output += fields.map(CSVFormatter.escape).joined(separator: ",") + "\r\n"
        }
        return output
    }
}
