import BangoCore

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
        // SAFETY: the array is not changed while it is lent, and the view does not leave the closure.
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
        if let commit = finding.commit {
            // The short form git prints; the full id is in JSON Lines and SARIF.
            output.append("  commit ")
            output.append(string: String(commit.prefix(12)))
        }
        output.append(UInt8(ascii: "\n"))
    }
}
