/// Which pieces of a file larger than the piece size this shard owns. The pieces are
/// `pieceSize` bytes each (the last one shorter); a piece boundary is also a chunk
/// boundary, so a match belongs to the piece it starts in exactly as it belongs to its
/// chunk, and nothing on a boundary is lost or reported twice.
public struct ShardPieces: Sendable, Equatable {
    public let pieceSize: Int
    public let fileSize: Int
    /// One flag per piece.
    public let owned: [Bool]

    public init(pieceSize: Int, fileSize: Int, owned: [Bool]) {
        self.pieceSize = pieceSize
        self.fileSize = fileSize
        self.owned = owned
    }

    /// Whether this shard owns the first piece: the shard that scans the file whole
    /// when it cannot be split (an archive, a Shift_JIS text, a binary skip).
    public var ownsFirst: Bool { owned.first ?? false }

    /// Whether the chunk at `index` (of `chunkSize` bytes) lies in an owned piece.
    func ownsChunk(_ index: Int, chunkSize: Int) -> Bool {
        owned[min(owned.count - 1, index * chunkSize / pieceSize)]
    }

    /// The owned byte ranges, adjacent pieces joined.
    public var ranges: [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (piece, isOwned) in owned.enumerated() where isOwned {
            let range = (piece * pieceSize)..<min(fileSize, (piece + 1) * pieceSize)
            if let last = ranges.last, last.upperBound == range.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<range.upperBound
            } else {
                ranges.append(range)
            }
        }
        return ranges
    }

    /// Bytes in owned pieces.
    public var ownedBytes: Int { ranges.reduce(0) { $0 + $1.count } }
}
