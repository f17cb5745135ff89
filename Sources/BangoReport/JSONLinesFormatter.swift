import BangoCore

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
/// - `commit`, `author_date` (strings, optional): for a git history scan, the commit
///   that added the line and its author date (ISO 8601).
/// - `value` (string, only with `--reveal`): the raw matched text.
/// - `piece_offset` (integer, only in a shard's report of a file split between shards):
///   the byte offset of the piece `line` and `column` count from; `bango merge` makes
///   them the file's and drops the field.
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
        // SAFETY: the array is not changed while it is lent, and the view does not leave the closure.
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
        // Optional fields are left out when absent, so that plain files stay short.
        Self.append(",\"location\":", finding.location, to: &output)
        Self.append(",\"encoding\":", finding.encoding, to: &output)
        Self.append(",\"commit\":", finding.commit, to: &output)
        Self.append(",\"author_date\":", finding.authorDate, to: &output)
        Self.append(",\"value\":", finding.revealedValue, to: &output)
        if let offset = finding.pieceOffset {
            // Last, where `bango merge` looks for it.
            output.append(",\"piece_offset\":")
            output.append(decimal: offset)
        }
        output.append("}\n")
    }

    private static func append(_ key: StaticString, _ value: String?, to output: inout ByteBuffer) {
        guard let value else { return }
        output.append(key)
        output.appendJSONString(value)
    }
}
