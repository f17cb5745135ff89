import GRDB

/// One run as the store keeps it.
public struct RunRecord: Sendable, Equatable, FetchableRecord {
    /// A run's state. Only complete runs are compared with and reported as sweeps.
    public enum Status: String, Sendable {
        case running, complete, interrupted, incomplete
    }

    public var id: Int
    public var started: String
    public var ended: String?
    public var status: Status
    /// The roots as given, absolute, one per line.
    public var roots: [String]
    public var signature: String
    public var options: String
    public var version: String
    public var scannedFiles: Int
    public var scannedBytes: Int
    public var unchangedFiles: Int
    public var findings: Int
    public var skipped: Int
    public var failed: Int
    public var comparedRun: Int?
    public var newFindings: Int?
    public var persistingFindings: Int?
    public var resolvedFindings: Int?

    public init(row: Row) throws {
        id = row["id"]
        started = row["started"]
        ended = row["ended"]
        status = Status(rawValue: row["status"]) ?? .incomplete
        roots = (row["roots"] as String).split(separator: "\n").map(String.init)
        signature = row["signature"]
        options = row["options"]
        version = row["version"]
        scannedFiles = row["scannedFiles"]
        scannedBytes = row["scannedBytes"]
        unchangedFiles = row["unchangedFiles"]
        findings = row["findings"]
        skipped = row["skipped"]
        failed = row["failed"]
        comparedRun = row["comparedRun"]
        newFindings = row["newFindings"]
        persistingFindings = row["persistingFindings"]
        resolvedFindings = row["resolvedFindings"]
    }
}
