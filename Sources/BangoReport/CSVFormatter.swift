import BangoCore
import Foundation

/// CSV as RFC 4180 has it: a header row, then one finding per row, CRLF line ends, and
/// fields quoted when they hold a comma, a quote or a line break (quotes doubled).
///
/// A field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed
/// with `'`: spreadsheets run such a cell as a formula, and a file name is chosen by
/// whoever made the file (OWASP's advice on CSV injection). Columns: path, member, line,
/// column, detector, confidence, score, masked, fingerprint, location, encoding, commit,
/// author_date, and value with `--reveal`.
public struct CSVFormatter: BufferedFindingFormatter {
    let reveal: Bool

    public init(reveal: Bool = false) { self.reveal = reveal }

    static let columns = [
        "path", "member", "line", "column", "detector", "confidence", "score", "masked", "fingerprint", "location",
        "encoding", "commit", "author_date",
    ]

    /// The header row, written once before any finding.
    public var header: [UInt8] {
        Array(((Self.columns + (reveal ? ["value"] : [])).joined(separator: ",") + "\r\n").utf8)
    }

    public func format(_ findings: [Finding]) -> [UInt8] {
        var output = ByteBuffer(capacity: findings.count * 200)
        write(findings, to: &output)
        return output.bytes()
    }

    func write(_ findings: [Finding], to output: inout ByteBuffer) {
        for finding in findings {
            var fields = [
                finding.path, finding.member ?? "", String(finding.line), String(finding.column), finding.detector,
                finding.confidence.name, String(finding.confidence.score), finding.masked,
                finding.fingerprint.description, finding.location ?? "", finding.encoding ?? "", finding.commit ?? "",
                finding.authorDate ?? "",
            ]
            if reveal { fields.append(finding.revealedValue ?? "") }
            for (index, field) in fields.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                output.append(string: Self.escape(field))
            }
            output.append("\r\n")
        }
    }

    /// A field as RFC 4180 writes it; a leading `=`, `+`, `-`, `@` gets a quote mark so a
    /// spreadsheet never runs it as a formula.
    public static func escape(_ field: String) -> String {
        var text = field
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
