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

/// A formatter that writes into a buffer it is handed, so a sink can use one buffer for
/// every batch of findings instead of a fresh one (fresh memory of that size comes from
/// the kernel, page by page) plus a copy into an array each time.
protocol BufferedFindingFormatter: FindingFormatter {
    func write(_ findings: [Finding], to output: inout ByteBuffer)
}

/// `path:line:column  detector  confidence  masked`, one finding per line, the layout
/// of grep and ripgrep so editors and terminals can jump to the place.
public struct TextFormatter: BufferedFindingFormatter {
    public init() {}

    public func format(_ findings: [Finding]) -> [UInt8] {
        var output = ByteBuffer(capacity: findings.count * 96)
        write(findings, to: &output)
        return output.bytes()
    }

    func write(_ findings: [Finding], to output: inout ByteBuffer) {
        // Through the buffer: its subscript lends each finding in place, where a `for … in`
        // loop or the array's subscript copies it (and retains each of its strings).
        findings.withUnsafeBufferPointer { findings in
            for index in findings.indices { write(findings[index], to: &output) }
        }
    }

    private func write(_ finding: Finding, to output: inout ByteBuffer) {
        output.append(string: finding.path)
        if let member = finding.member {
            output.append("!/")
            output.append(string: member)
        }
        output.append(UInt8(ascii: ":"))
        output.append(decimal: finding.line)
        output.append(UInt8(ascii: ":"))
        output.append(decimal: finding.column)
        output.append("  ")
        output.append(string: finding.detector)
        output.append("  ")
        output.append(string: finding.confidence.name)
        output.append("  ")
        output.append(string: finding.revealedValue ?? finding.masked)
        if let location = finding.location {
            output.append("  (")
            output.append(string: location)
            output.append(UInt8(ascii: ")"))
        }
        output.append(UInt8(ascii: "\n"))
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
public struct JSONLinesFormatter: BufferedFindingFormatter {
    public init() {}

    public func format(_ findings: [Finding]) -> [UInt8] {
        var output = ByteBuffer(capacity: findings.count * 220)
        write(findings, to: &output)
        return output.bytes()
    }

    func write(_ findings: [Finding], to output: inout ByteBuffer) {
        // A file's findings share their path: quote it once.
        var quotedPath = ByteBuffer(capacity: 256)
        // Through the buffer: its subscript lends each finding in place, where a `for … in`
        // loop or the array's subscript copies it (and retains each of its strings).
        findings.withUnsafeBufferPointer { findings in
            for index in findings.indices {
                if index == 0 || findings[index].path != findings[index - 1].path {
                    quotedPath.removeAll(keepingCapacityUpTo: 4096)
                    quotedPath.appendJSONString(findings[index].path)
                }
                write(findings[index], quotedPath: quotedPath, to: &output)
            }
        }
    }

    private func write(_ finding: Finding, quotedPath: borrowing ByteBuffer, to output: inout ByteBuffer) {
        output.append("{\"path\":")
        quotedPath.withBytes { output.append($0) }
        if let member = finding.member {
            output.append(",\"member\":")
            output.appendJSONString(member)
        }
        output.append(",\"line\":")
        output.append(decimal: finding.line)
        output.append(",\"column\":")
        output.append(decimal: finding.column)
        output.append(",\"detector\":")
        output.appendJSONString(finding.detector)
        output.append(",\"confidence\":\"")
        output.append(string: finding.confidence.name)
        output.append("\",\"score\":")
        output.append(decimal: finding.confidence.score)
        output.append(",\"masked\":")
        output.appendJSONString(finding.masked)
        output.append(",\"fingerprint\":\"")
        output.append(finding.fingerprint)
        output.append(UInt8(ascii: "\""))
        if let location = finding.location {
            output.append(",\"location\":")
            output.appendJSONString(location)
        }
        if let encoding = finding.encoding {
            output.append(",\"encoding\":")
            output.appendJSONString(encoding)
        }
        if let value = finding.revealedValue {
            output.append(",\"value\":")
            output.appendJSONString(value)
        }
        output.append("}\n")
    }
}

/// Minimal JSON string quoting (RFC 8259).
public enum JSON {
    /// `text` as a JSON string literal, quotes included: the same escaping the JSON Lines
    /// reporter writes (``ByteBuffer/appendJSONString(_:)``).
    public static func quote(_ text: String) -> String {
        var output = ByteBuffer(capacity: text.utf8.count + 2)
        output.appendJSONString(text)
        return output.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}

/// The sink a scan writes into: filters by `--min-confidence`, formats, writes to the
/// output stream, and counts what it saw for the summary and the exit code.
public final class ReportingSink: FindingSink {
    private let formatter: FindingFormatter
    /// The formatter, when it writes into a buffer: then ``output`` serves every batch.
    private let bufferedFormatter: BufferedFindingFormatter?
    private var output = ByteBuffer(capacity: 1 << 20)
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
        bufferedFormatter = formatter as? BufferedFindingFormatter
        self.stream = stream
        self.minimumShown = minimumShown
        self.failThreshold = failThreshold
    }

    public func write(_ findings: [Finding]) {
        var hidden = 0
        // By index, reading one field: a `for … in` loop would copy every finding.
        for index in findings.indices {
            let confidence = findings[index].confidence
            switch confidence {
            case .low: low += 1
            case .medium: medium += 1
            case .high: high += 1
            }
            if let failThreshold, confidence >= failThreshold { failingFindingSeen = true }
            if confidence < minimumShown { hidden += 1 }
        }
        // Copy (and retain every string of) the findings only when some are hidden.
        let shown = hidden == 0 ? findings : findings.filter { $0.confidence >= minimumShown }
        shownCount += shown.count
        if let bufferedFormatter {
            // A batch far larger than usual (a workbook with a finding on every row) does
            // not keep its memory for the rest of the run.
            output.removeAll(keepingCapacityUpTo: 16 << 20)
            bufferedFormatter.write(shown, to: &output)
            output.withBytes { stream.write($0) }
        } else {
            stream.write(formatter.format(shown))
        }
        if stream.isClosed { onClosedOutput?() }
    }
}
