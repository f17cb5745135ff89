import BangoCore
import Foundation

/// SARIF 2.1.0, the format code-scanning services read (GitHub, GitLab, Azure DevOps).
///
/// One rule per detector of the scan; one result per finding, located by a URI relative
/// to the scan root (`%SRCROOT%`, the folder bango ran in) with the line and column, or
/// for a member of an archive or document by the container's URI plus a logical
/// location naming the member. `partialFingerprints` carry the keyed fingerprint, so a
/// finding keeps its identity when lines move. No raw value appears, even with
/// `--reveal`: SARIF files are uploaded to services.
public struct SARIFReport {
    /// GitHub code scanning keeps at most this many results per run; more are cut,
    /// the most severe kept.
    public static let resultLimit = 25_000
    /// Read failures listed as notifications, at most.
    static let failureLimit = 1000

    public let rules: [DetectorDefinition]
    public let toolVersion: String
    /// The absolute folder relative paths are resolved against.
    public let sourceRoot: String
    /// Targets that could not be read, as "path: reason" (paths only, never values).
    public let failures: [String]

    public init(rules: [DetectorDefinition], toolVersion: String, sourceRoot: String, failures: [String]) {
        self.rules = rules
        self.toolVersion = toolVersion
        self.sourceRoot = sourceRoot
        self.failures = failures
    }

    /// The findings that fit in one upload: the most severe first, then in path order.
    public static func kept(_ findings: [Finding]) -> (kept: [Finding], cut: Int) {
        guard findings.count > resultLimit else { return (findings, 0) }
        let ranked = findings.enumerated().sorted {
            ($1.element.confidence, $0.offset) < ($0.element.confidence, $1.offset)
        }
        let kept = ranked.prefix(resultLimit).sorted { $0.offset < $1.offset }.map(\.element)
        return (kept, findings.count - resultLimit)
    }

    public func render(_ findings: [Finding], cut: Int) -> [UInt8] {
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var notifications = failures.prefix(Self.failureLimit).map { text -> [String: Any] in
            ["level": "error", "message": ["text": text]]
        }
        if cut > 0 { notifications.append(Self.cutNotification(cut)) }
        let run: [String: Any] = [
            "tool": [
                "driver": [
                    "name": "bango", "version": toolVersion, "semanticVersion": toolVersion, "rules": rules.map(rule),
                ]
            ],
            "originalUriBaseIds": ["%SRCROOT%": ["uri": Self.directoryURI(sourceRoot)]],
            "invocations": [
                ["executionSuccessful": failures.isEmpty, "toolExecutionNotifications": notifications]
            ],
            "columnKind": "unicodeCodePoints",
            "results": findings.map { result($0, ruleIndex: ruleIndex) },
        ]
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run],
        ]
        let data =
            (try? JSONSerialization.data(
                withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data) + [0x0A]
    }

    /// The warning that `cut` findings did not fit in the run.
    static func cutNotification(_ cut: Int) -> [String: Any] {
        [
            "level": "warning",
            "message": [
                "text":
                    "\(cut) findings left out: code-scanning uploads take at most \(resultLimit) results per run; the most severe were kept"
            ],
        ]
    }

    static func level(_ confidence: Confidence?) -> String {
        switch confidence {
        case .high: "error"
        case .medium: "warning"
        default: "note"
        }
    }

    private func rule(_ detector: DetectorDefinition) -> [String: Any] {
        let highest = [detector.confidenceWithKeyword, detector.confidenceWithoutKeyword].compactMap { $0 }.max()
        let description = detector.description.isEmpty ? detector.name : detector.description
        let help =
            "\(description)\n\nRemove the value, or move it where it belongs (a vault, the system of record). "
            + "If it is a test value or accepted, record it in a baseline (`bango scan --write-baseline`) or mark "
            + "the line with `bango:allow \(detector.id)`."
        return [
            "id": detector.id,
            "name": Self.ruleName(detector.id),
            "shortDescription": ["text": detector.name],
            "fullDescription": ["text": description],
            "help": ["text": help],
            "defaultConfiguration": ["level": Self.level(highest)],
            "properties": [
                "tags": [detector.id.hasPrefix("secret.") ? "security" : "privacy", detector.jurisdiction]
            ],
        ]
    }

    private func result(_ finding: Finding, ruleIndex: [String: Int]) -> [String: Any] {
        var physical: [String: Any] = ["artifactLocation": artifactLocation(finding.path)]
        var properties: [String: Any] = [
            "confidence": finding.confidence.name, "score": finding.confidence.score, "masked": finding.masked,
        ]
        var location: [String: Any] = [:]
        if let member = finding.member {
            // The line and column are the member's, not the container file's.
            location["logicalLocations"] = [
                ["name": member, "fullyQualifiedName": finding.path + "!/" + member, "kind": "resource"]
            ]
            properties["memberLine"] = finding.line
            properties["memberColumn"] = finding.column
        } else {
            physical["region"] = ["startLine": finding.line, "startColumn": finding.column]
        }
        location["physicalLocation"] = physical
        if let place = finding.location { properties["location"] = place }
        if let offset = finding.pieceOffset { properties["pieceOffset"] = offset }
        if let commit = finding.commit { properties["commit"] = commit }
        if let date = finding.authorDate { properties["authorDate"] = date }
        var result: [String: Any] = [
            "ruleId": finding.detector,
            "level": Self.level(finding.confidence),
            "message": ["text": "\(finding.detector) (\(finding.confidence.name) confidence): \(finding.masked)"],
            "locations": [location],
            "partialFingerprints": ["bangoFingerprint/v1": finding.fingerprint.description],
            "properties": properties,
        ]
        if let index = ruleIndex[finding.detector] { result["ruleIndex"] = index }
        return result
    }

    /// A relative path against `%SRCROOT%`; an absolute one as a `file://` URI.
    private func artifactLocation(_ path: String) -> [String: Any] {
        let uri = Self.uri(path)
        return path.hasPrefix("/") ? ["uri": uri] : ["uri": uri, "uriBaseId": "%SRCROOT%"]
    }

    /// A path's artifact URI: `file://` and absolute, or relative to `%SRCROOT%`.
    static func uri(_ path: String) -> String {
        if path.hasPrefix("/") { return "file://" + percentEncoded(path) }
        var relative = path
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        return percentEncoded(relative)
    }

    static func directoryURI(_ path: String) -> String {
        "file://" + percentEncoded(path.hasSuffix("/") ? path : path + "/")
    }

    /// RFC 3986: everything but unreserved characters and `/` percent-encoded as UTF-8.
    static func percentEncoded(_ path: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// `jp.my_number` → `JpMyNumber`: SARIF's rule name is an identifier.
    static func ruleName(_ id: String) -> String {
        id.split(whereSeparator: { $0 == "." || $0 == "_" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }
}
