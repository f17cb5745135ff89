/// What identifies one version of a file without reading it: size, modification time
/// and (device, inode), plus the owner for reports. An audit rescan takes a file whose
/// stamp is unchanged as unchanged, as `make` and rsync do; `--verify` adds a SHA-256 of
/// the content for shares where tools restore modification times.
public struct FileStamp: Sendable, Equatable, Hashable, Codable {
    public var size: Int
    /// Modification time in nanoseconds since the epoch.
    public var modified: Int64
    public var device: UInt64
    public var inode: UInt64
    /// The owning user id (for "top owners" in audit reports).
    public var owner: UInt32
    /// SHA-256 of the content in hex, when it was asked for (`--verify`).
    public var contentHash: String?

    public init(
        size: Int, modified: Int64, device: UInt64, inode: UInt64, owner: UInt32, contentHash: String? = nil
    ) {
        self.size = size
        self.modified = modified
        self.device = device
        self.inode = inode
        self.owner = owner
        self.contentHash = contentHash
    }

    /// Whether `other` describes the same content as far as the stamps can tell: same
    /// size, time and inode, and the same hash where both have one; with
    /// `requiringHash` (`--verify`), both must have one.
    public func matches(_ other: FileStamp, requiringHash: Bool = false) -> Bool {
        guard size == other.size, modified == other.modified, inode == other.inode, device == other.device else {
            return false
        }
        if let contentHash, let otherHash = other.contentHash { return contentHash == otherHash }
        return !requiringHash
    }
}
