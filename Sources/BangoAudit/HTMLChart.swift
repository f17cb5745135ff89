import Foundation

/// Inline SVG charts for the HTML report: drawn here, so the page needs no library and
/// no network.
enum HTMLChart {
    /// Horizontal bars, one per labelled value.
    static func bars(_ values: [(label: String, value: Int)], label: String) -> String {
        guard !values.isEmpty else { return "" }
        let labelWidth = 260
        let barWidth = 420
        let rowHeight = 20
        let height = values.count * rowHeight + 10
        let largest = max(1, values.map(\.value).max() ?? 1)
        var parts = [
            "<svg role=\"img\" aria-label=\"\(StoreReportHTML.escape(label))\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\">"
        ]
        for (index, entry) in values.enumerated() {
            let y = index * rowHeight + 5
            let width = max(1, entry.value * barWidth / largest)
            let shown = entry.label.count > 40 ? "…" + entry.label.suffix(39) : entry.label
            parts.append(
                "<text x=\"\(labelWidth - 6)\" y=\"\(y + 13)\" text-anchor=\"end\">\(StoreReportHTML.escape(String(shown)))</text>"
                    + "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(width)\" height=\"\(rowHeight - 6)\"></rect>"
                    + "<text x=\"\(labelWidth + width + 4)\" y=\"\(y + 13)\">\(entry.value)</text>")
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// A line through the values, left to right, with each point labelled.
    static func line(_ values: [(label: String, value: Int)], label: String) -> String {
        guard values.count > 1 else { return "" }
        let width = 680
        let height = 200
        let margin = 40
        let largest = max(1, values.map(\.value).max() ?? 1)
        let step = Double(width - 2 * margin) / Double(values.count - 1)
        let points = values.enumerated().map { index, entry in
            (
                x: Double(margin) + Double(index) * step,
                y: Double(height - margin) - Double(entry.value) / Double(largest) * Double(height - 2 * margin)
            )
        }
        var parts = [
            "<svg role=\"img\" aria-label=\"\(StoreReportHTML.escape(label))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">",
            "<line class=\"axis\" x1=\"\(margin)\" y1=\"\(height - margin)\" x2=\"\(width - margin)\" y2=\"\(height - margin)\"></line>",
            "<polyline class=\"line\" points=\""
                + points.map { String(format: "%.1f,%.1f", $0.x, $0.y) }.joined(separator: " ") + "\"></polyline>",
        ]
        for (point, entry) in zip(points, values) {
            parts.append(
                String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" class=\"bar\"></circle>", point.x, point.y)
                    + String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", point.x, point.y - 8)
                    + "\(entry.value)</text>"
                    + String(format: "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", point.x, height - margin + 16)
                    + "\(StoreReportHTML.escape(entry.label))</text>")
        }
        parts.append("</svg>")
        return parts.joined()
    }
}
