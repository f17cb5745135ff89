/// One manifest line: a target and what became of it.
public struct ManifestEntry: Sendable, Codable, Equatable {
    public var path: String
    public var kind: String
    public var status: TargetStatus
    public var reason: TargetReason?
    public var detail: String?
    public var bytes: Int?
    public var findings: Int?
    /// The encoding a scanned file was decoded from, when not UTF-8.
    public var encoding: String?
    /// The member inside an archive or document this entry is about (joined by `!/`).
    public var member: String?
    /// The file's stamp when it was scanned (recorded for the audit store only).
    public var stamp: FileStamp?
    /// The ranges a shard scanned of a file split between shards.
    public var part: FilePart?

    public init(
        path: String, kind: String, status: TargetStatus, reason: TargetReason? = nil, detail: String? = nil,
        bytes: Int? = nil, findings: Int? = nil, encoding: String? = nil, member: String? = nil,
        stamp: FileStamp? = nil, part: FilePart? = nil
    ) {
        self.path = path
        self.kind = kind
        self.status = status
        self.reason = reason
        self.detail = detail
        self.bytes = bytes
        self.findings = findings
        self.encoding = encoding
        self.member = member
        self.stamp = stamp
        self.part = part
    }

    /// The order manifests list entries in: by path, member, then status.
    public static func isOrderedBefore(_ lhs: ManifestEntry, _ rhs: ManifestEntry) -> Bool {
        (lhs.path, lhs.member ?? "", lhs.status.rawValue) < (rhs.path, rhs.member ?? "", rhs.status.rawValue)
    }
}
