/// Decides what this shard scans, the same way in every shard: by a stable hash of a
/// path relative to the root it was reached from, and for a split file, of that path
/// and the piece number.
///
/// The hash is FNV-1a over the bytes followed by a 64-bit finaliser (the one of
/// splitmix64), so that the shard number taken from its low bits is spread evenly; it
/// depends on nothing but the bytes, so every machine and every release computes the
/// same assignment.
public struct ShardFilter: Sendable {
    public let spec: ShardSpec
    /// The roots as given on the command line, in order: the key of a path is its
    /// root's position and the rest of the path after the root.
    let roots: [[UInt8]]

    public init(spec: ShardSpec, roots: [TargetPath]) {
        self.spec = spec
        self.roots = roots.map(\.bytes)
    }

    /// The key a path is assigned by: `root number, NUL, path below the root`. A path
    /// under no root (none is expected) is its own key.
    func key(of path: TargetPath) -> [UInt8] {
        let bytes = path.bytes
        for (number, root) in roots.enumerated() where bytes.starts(with: root) {
            var rest = bytes[root.count...]
            if !rest.isEmpty, !root.isEmpty, root.last != UInt8(ascii: "/") {
                guard rest.first == UInt8(ascii: "/") else { continue }
            }
            while rest.first == UInt8(ascii: "/") { rest = rest.dropFirst() }
            return Array(String(number).utf8) + [0] + rest
        }
        return bytes
    }

    /// The shard (1-based) that owns `key`, or piece `piece` of it.
    func owner(of key: [UInt8], piece: Int? = nil) -> Int {
        var hash = Self.fnv1a(key)
        if let piece { hash = Self.fnv1a(Array("#\(piece)".utf8), seed: hash) }
        return Int(Self.finalised(hash) % UInt64(spec.count)) + 1
    }

    /// Whether this shard records what the walker met at `path` (a folder that could
    /// not be listed, a skipped link): each such entry is written by one shard only.
    func ownsEntry(_ path: TargetPath) -> Bool { owner(of: key(of: path)) == spec.index }

    /// What this shard does with the file at `path` of `size` bytes.
    public func assignment(of path: TargetPath, size: Int) -> ShardAssignment {
        let key = key(of: path)
        guard size > spec.pieceSize else { return owner(of: key) == spec.index ? .whole : .elsewhere }
        let count = (size + spec.pieceSize - 1) / spec.pieceSize
        let owned = (0..<count).map { owner(of: key, piece: $0) == spec.index }
        guard owned.contains(true) else { return .elsewhere }
        return .pieces(ShardPieces(pieceSize: spec.pieceSize, fileSize: size, owned: owned))
    }

    static func fnv1a(_ bytes: [UInt8], seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func finalised(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
