import BangoCore
import BangoScan
import Foundation

/// Output formats for findings.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text
    case jsonl
}

/// Formats one file's findings as bytes. One formatter per format; each is tested
/// against golden files.
public protocol FindingFormatter {
    func format(_ findings: [Finding]) -> [UInt8]
}

/// `path:line:column  detector  confidence  masked`, one finding per line, the layout
/// of grep and ripgrep so editors and terminals can jump to the place.
public struct TextFormatter: FindingFormatter {
    public init() {}

    public func format(_ findings: [Finding]) -> [UInt8] {
        var output = ""
        for finding in findings {
            var place = finding.path
            if let member = finding.member { place += "!/" + member }
            output += "\(place):\(finding.line):\(finding.column)  \(finding.detector)  \(finding.confidence.name)  "
            output += finding.revealedValue ?? finding.masked
            if let location = finding.location { output += "  (\(location))" }
            output += "\n"
        }
        return Array(output.utf8)
    }
}

/// JSON Lines: one object per finding and nothing else on stdout.
///
/// Schema (stable; other tools depend on it):
/// - `path` (string): the file as reached from the command-line argument; bytes that
///   are not UTF-8 appear as `\xHH` and a literal backslash is doubled.
/// - `member` (string, optional): the member inside an archive or document, nested
///   members joined by `!/`.
/// - `line`, `column` (integers, 1-based): in the decoded text; column in characters.
/// - `detector` (string): the detector id, e.g. `jp.my_number`.
/// - `confidence` (`high` | `medium` | `low`) and `score` (85 | 75 | 65).
/// - `masked` (string): at most the last four characters of the value.
/// - `fingerprint` (string): hex HMAC-SHA256 of detector and normalised value.
/// - `location` (string, optional): a place inside a document (`Sheet1!C12`, `page 3`).
/// - `encoding` (string, optional): the encoding the text was decoded from.
/// - `value` (string, only with `--reveal`): the raw matched text.
public struct JSONLinesFormatter: FindingFormatter {
    public init() {}

    public func format(_ findings: [Finding]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(findings.count * 220)
        func raw(_ text: StaticString) {
            output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        func number(_ value: Int) { output.append(contentsOf: String(value).utf8) }
        // A file's findings share their path: quote it once.
        var lastPath: String?
        var quotedPath: [UInt8] = []
        for finding in findings {
            raw("{\"path\":")
            if finding.path != lastPath {
                quotedPath.removeAll(keepingCapacity: true)
                JSON.appendQuoted(finding.path, to: &quotedPath)
                lastPath = finding.path
            }
            output.append(contentsOf: quotedPath)
            if let member = finding.member {
                raw(",\"member\":")
                JSON.appendQuoted(member, to: &output)
            }
            raw(",\"line\":")
            number(finding.line)
            raw(",\"column\":")
            number(finding.column)
            raw(",\"detector\":")
            JSON.appendQuoted(finding.detector, to: &output)
            raw(",\"confidence\":")
            JSON.appendQuoted(finding.confidence.name, to: &output)
            raw(",\"score\":")
            number(finding.confidence.score)
            raw(",\"masked\":")
            JSON.appendQuoted(finding.masked, to: &output)
            raw(",\"fingerprint\":")
            JSON.appendQuoted(finding.fingerprint, to: &output)
            if let location = finding.location {
                raw(",\"location\":")
                JSON.appendQuoted(location, to: &output)
            }
            if let encoding = finding.encoding {
                raw(",\"encoding\":")
                JSON.appendQuoted(encoding, to: &output)
            }
            if let value = finding.revealedValue {
                raw(",\"value\":")
                JSON.appendQuoted(value, to: &output)
            }
            raw("}\n")
        }
        return output
    }
}

/// Minimal JSON string quoting (RFC 8259).
public enum JSON {
    /// Appends `text` as a JSON string; plain ASCII is copied without per-character work.
    public static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        let copied = text.withUTF8 { bytes -> Bool in
            // One pass over contiguous bytes, not the generic UTF-8 view.
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if !copied {
            let quoted = quote(text).utf8
            output.append(contentsOf: quoted.dropFirst().dropLast())
        }
        output.append(UInt8(ascii: "\""))
    }

    public static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output += String(format: "\\u%04x", scalar.value)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}

/// The sink a scan writes into: filters by `--min-confidence`, formats, writes to the
/// output stream, and counts what it saw for the summary and the exit code.
public final class ReportingSink: FindingSink {
    private let formatter: FindingFormatter
    private let stream: OutputStream
    private let minimumShown: Confidence
    private let failThreshold: Confidence?
    /// Findings seen per level, shown or not.
    public var countsByLevel: [Confidence: Int] {
        [.low: low, .medium: medium, .high: high].filter { $0.value > 0 }
    }
    private var low = 0, medium = 0, high = 0
    public private(set) var shownCount = 0
    /// Whether any finding reached the `--fail-on` threshold.
    public private(set) var failingFindingSeen = false
    /// Called when the reader of the output went away (for `| head`).
    public var onClosedOutput: (() -> Void)?

    public init(formatter: FindingFormatter, stream: OutputStream, minimumShown: Confidence, failThreshold: Confidence?) {
        self.formatter = formatter
        self.stream = stream
        self.minimumShown = minimumShown
        self.failThreshold = failThreshold
    }

    public func write(_ findings: [Finding]) {
        var hidden = 0
        for finding in findings {
            switch finding.confidence {
            case .low: low += 1
            case .medium: medium += 1
            case .high: high += 1
            }
            if let failThreshold, finding.confidence >= failThreshold { failingFindingSeen = true }
            if finding.confidence < minimumShown { hidden += 1 }
        }
        // Copy (and retain every string of) the findings only when some are hidden.
        let shown = hidden == 0 ? findings : findings.filter { $0.confidence >= minimumShown }
        shownCount += shown.count
        stream.write(formatter.format(shown))
        if stream.isClosed { onClosedOutput?() }
    }
}
