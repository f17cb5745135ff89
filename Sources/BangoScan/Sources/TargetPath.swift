import BangoCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file system path as raw bytes.
///
/// Paths stay bytes from `readdir` to `open`: a Swift `String` would replace bytes
/// that are not UTF-8 (a Shift_JIS file name on a share) and the file could not be
/// opened again. Text is made only for reports, through ``PathText``.
public struct TargetPath: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { bytes = Array(string.utf8) }

    /// The path joined with one more component.
    public func appending(_ component: [UInt8]) -> TargetPath {
        if bytes.isEmpty { return TargetPath(bytes: component) }
        if bytes.last == UInt8(ascii: "/") { return TargetPath(bytes: bytes + component) }
        return TargetPath(bytes: bytes + [UInt8(ascii: "/")] + component)
    }

    /// The last component.
    public var lastComponent: [UInt8] {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash + 1 < bytes.count else { return bytes }
        return Array(bytes[(slash + 1)...])
    }

    /// The path as reports show it, escaped losslessly.
    public var description: String { PathText.escape(bytes) }

    /// Calls `body` with a NUL-terminated copy for system calls.
    public func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        // SAFETY: the buffer is NUL-terminated and lives for the duration of `body`.
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress else { return try body("") }
                return try body(base)
            }
        }
    }
}

/// `strerror` as a Swift string.
func errnoDescription(_ code: Int32) -> String {
    String(cString: strerror(code))
}
