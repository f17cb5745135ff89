/// The formats `bango report` writes.
public enum StoreReportFormat: String, Sendable, CaseIterable {
    case text, csv, json, html
}

extension AuditStore {
    /// The report of run `run` (default: the newest complete one), with changes relative
    /// to run `since` (default: the run it was compared with when it was recorded).
    public func report(run: Int? = nil, since: Int? = nil) throws(StoreError) -> StoreReport {
        try StoreReportBuilder(store: self).build(run: run, since: since)
    }
}

extension StoreReport {
    /// The report in `format`; `byteOrderMark` puts a UTF-8 BOM before CSV for Excel.
    public func rendered(as format: StoreReportFormat, byteOrderMark: Bool = false) -> String {
        switch format {
        case .text: StoreReportText.render(self)
        case .csv: StoreReportCSV.render(self, byteOrderMark: byteOrderMark)
        case .json: StoreReportJSON.render(self)
        case .html: StoreReportHTML.render(self)
        }
    }
}
