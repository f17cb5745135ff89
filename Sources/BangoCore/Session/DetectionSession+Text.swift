/// Scans a whole in-memory text in one go: for tests, pack examples and tools that hold
/// a small string. Files go through BangoScan, which adds chunking and line resolution.
extension DetectionSession {
    /// Detections in `text`, with 1-based lines.
    /// With `asTable`, the text is read as a CSV/TSV file (tabs or commas, whichever
    /// its first line has more of), its first line the header.
    public func scan(text: String, asTable: Bool = false) -> (detections: [Detection], limitEvents: [MatchLimitEvent]) {
        let bytes = Array(text.utf8)
        // SAFETY: the raw view is used only inside the closure, over `bytes`, an array this function owns.
        let outcome = bytes.withUnsafeBytes { raw in
            let table = asTable ? tableHeader(fileName: Array("example.csv".utf8), head: raw) : nil
            return scan(raw, reportRange: 0..<raw.count, table: table)
        }
        return (outcome.detections, outcome.limitEvents)
    }
}
