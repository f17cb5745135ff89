/// What one shard does with one file.
public enum ShardAssignment: Sendable, Equatable {
    /// Another shard scans it: not opened, not recorded.
    case elsewhere
    /// This shard scans it whole.
    case whole
    /// The file is split; this shard scans the pieces it owns.
    case pieces(ShardPieces)
}
