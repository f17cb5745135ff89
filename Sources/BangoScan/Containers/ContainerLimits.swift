import BangoCore

/// Bounds on what one file's archives and documents may unpack to, so a zip bomb or a
/// deeply nested archive costs a manifest entry, never the machine.
public struct ContainerLimits: Sendable, Equatable {
    /// Containers inside containers: a zip in a zip in a file is depth 2.
    public var maxDepth = 8
    /// Decompressed bytes of all members of one file together.
    public var maxTotalBytes = 1 << 30
    /// Decompressed bytes of one member (it is held in memory while it is scanned).
    public var maxMemberBytes = 256 << 20
    /// Members of one file, all levels together.
    public var maxMembers = 100_000
    /// Decompressed / compressed size of a member, checked once it is past 1 MiB (small
    /// members with high ratios are harmless; a bomb's are not small).
    public var maxRatio = 200

    public init() {}
}

/// Why a container or member was not (fully) read.
enum ContainerError: Error, Equatable {
    /// Past a limit; the text says which.
    case limit(String)
    case encrypted
    case corrupt(String)

    var reason: TargetReason {
        switch self {
        case .limit: .archiveLimit
        case .encrypted: .encrypted
        case .corrupt: .corrupt
        }
    }

    var detail: String? {
        switch self {
        case .limit(let text), .corrupt(let text): text
        case .encrypted: nil
        }
    }
}

/// What one top-level file has unpacked so far, checked against its limits.
struct UnpackBudget {
    let limits: ContainerLimits
    private(set) var totalBytes = 0
    private(set) var members = 0

    init(limits: ContainerLimits) { self.limits = limits }

    /// Counts a member before it is unpacked.
    mutating func admitMember() throws(ContainerError) {
        guard members < limits.maxMembers else {
            throw .limit("more than \(limits.maxMembers) members")
        }
        members += 1
    }

    /// The most bytes the next member may unpack to.
    var memberAllowance: Int { min(limits.maxMemberBytes, limits.maxTotalBytes - totalBytes) }

    /// Counts bytes as they are unpacked; throws once a limit is passed.
    mutating func consume(_ count: Int, memberSoFar: Int, compressedSize: Int?) throws(ContainerError) {
        totalBytes += count
        if totalBytes > limits.maxTotalBytes {
            throw .limit("more than \(limits.maxTotalBytes) decompressed bytes in all")
        }
        if memberSoFar > limits.maxMemberBytes {
            throw .limit("member larger than \(limits.maxMemberBytes) bytes decompressed")
        }
        if let compressedSize, memberSoFar > 1 << 20, memberSoFar / max(1, compressedSize) > limits.maxRatio {
            throw .limit("compression ratio above \(limits.maxRatio):1")
        }
    }
}
