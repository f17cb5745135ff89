/// The part of a file a shard scanned when the file was split between shards: the byte
/// ranges it owned, and the file's size. A merge joins the parts of one file and checks
/// that they cover it exactly once.
public struct FilePart: Sendable, Codable, Equatable {
    public var ranges: [Range<Int>]
    public var fileSize: Int

    public init(ranges: [Range<Int>], fileSize: Int) {
        self.ranges = ranges
        self.fileSize = fileSize
    }
}
