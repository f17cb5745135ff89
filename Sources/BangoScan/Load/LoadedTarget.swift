/// A target the loader has opened: its first bytes, and a handle on the rest.
struct LoadedTarget {
    /// Where the rest of the bytes are.
    enum Bytes {
        /// A regular file: read or mapped at any offset.
        case file(OpenFile)
        /// Bytes in memory (a member, a git blob).
        case memory([UInt8])
        /// A stream read once, from the end of ``LoadedTarget/head`` on.
        case stream(StreamReader)
    }

    let target: ScanTarget
    /// Up to ``ScanConfiguration/headProbeBytes`` from the start: enough to tell a
    /// container, binary data or an encoding, and to read a table's header row.
    let head: [UInt8]
    let bytes: Bytes
    /// The size in bytes; nil for a stream, whose end is known only once it is read.
    let size: Int?

    var origin: TargetOrigin { target.origin }

    /// The last path component, which names the target for sniffing and tables.
    var name: [UInt8] { target.origin.path.lastComponent }

    /// Whether any offset can be read without reading what comes before it.
    var isRandomAccess: Bool {
        if case .stream = bytes { return false }
        return true
    }
}
