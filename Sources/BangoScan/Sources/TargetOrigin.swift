import BangoCore

/// Where a scanned text sits, as reports and the manifest name it: a path (a file on
/// disk, or a name such as `<stdin>` or a path in a git tree), the chain of members
/// inside it, and for git the commit it was read from.
public struct TargetOrigin: Sendable, Equatable {
    public var path: TargetPath
    public var members: [String]
    public var commit: CommitStamp?
    /// The file's stamp, taken before it was read, when the run keeps stamps.
    public var stamp: FileStamp?

    public init(path: TargetPath, members: [String] = [], commit: CommitStamp? = nil, stamp: FileStamp? = nil) {
        self.path = path
        self.members = members
        self.commit = commit
        self.stamp = stamp
    }

    /// `member` as JSON Lines and the manifest show it: nested members joined by `!/`.
    var memberText: String? { members.isEmpty ? nil : members.joined(separator: "!/") }

    /// The path as reports show it, escaped losslessly.
    var displayPath: String { path.description }

    func appending(_ member: String) -> TargetOrigin {
        TargetOrigin(path: path, members: members + [member], commit: commit)
    }
}

/// The commit a git blob was read from: its id and author date (ISO 8601).
public struct CommitStamp: Sendable, Equatable, Hashable {
    public var id: String
    public var authorDate: String

    public init(id: String, authorDate: String) {
        self.id = id
        self.authorDate = authorDate
    }
}
