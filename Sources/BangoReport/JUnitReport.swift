import BangoCore
import Foundation

/// JUnit XML, the report CI dashboards read (Jenkins, GitLab, Azure Pipelines): one test
/// case per target the scan met, failing with one `<failure>` per finding in it (members
/// of an archive count for the archive), skipped or in error when it was not scanned.
public struct JUnitReport {
    public let entries: [ManifestEntry]
    public let seconds: Double

    public init(entries: [ManifestEntry], seconds: Double) {
        self.entries = entries
        self.seconds = seconds
    }

    public func render(_ findings: [Finding]) -> [UInt8] {
        let byPath = Dictionary(grouping: findings, by: \.path)
        let targets = entries.filter { $0.member == nil }
        var cases: [String] = []
        var failures = 0
        var errors = 0
        var skipped = 0
        for entry in targets {
            var body = ""
            switch entry.status {
            case .failed:
                errors += 1
                body += "      <error message=\(attribute(phrase(entry)))/>\n"
            case .skipped:
                skipped += 1
                body += "      <skipped message=\(attribute(phrase(entry)))/>\n"
            default:
                for finding in byPath[entry.path] ?? [] {
                    failures += 1
                    let place = finding.member.map { "\(finding.path)!/\($0)" } ?? finding.path
                    let message = "\(finding.detector) \(finding.confidence.name) \(finding.masked)"
                    body +=
                        "      <failure type=\(attribute(finding.detector)) message=\(attribute(message))>"
                        + escape("\(place):\(finding.line):\(finding.column) \(message)") + "</failure>\n"
                }
            }
            let name = attribute(entry.path)
            cases.append(
                body.isEmpty
                    ? "    <testcase classname=\"bango\" name=\(name) file=\(name)/>\n"
                    : "    <testcase classname=\"bango\" name=\(name) file=\(name)>\n\(body)    </testcase>\n")
        }
        let totals =
            "tests=\"\(targets.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" "
            + "time=\"\(String(format: "%.3f", seconds))\""
        let xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"bango\" \(totals)>\n"
            + "  <testsuite name=\"bango scan\" \(totals)>\n" + cases.joined() + "  </testsuite>\n</testsuites>\n"
        return Array(xml.utf8)
    }

    private func phrase(_ entry: ManifestEntry) -> String {
        let reason = entry.reason?.phrase ?? entry.status.rawValue
        return entry.detail.map { "\(reason) (\($0))" } ?? reason
    }

    private func attribute(_ text: String) -> String { "\"" + escape(text) + "\"" }

    func escape(_ text: String) -> String { MarkupText.escape(text) }
}
