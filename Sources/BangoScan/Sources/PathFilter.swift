import BangoCore

/// `--include` and `--exclude`: which walked files and folders the user wants.
///
/// A glob without `/` matches the name at any depth; one with `/` matches the path (or
/// any trailing part of it, so `docs/*.csv` works from any root).
public struct PathFilter: Sendable {
    let includes: [Glob]
    let excludes: [Glob]

    /// The first exclude glob that matches, if any.
    func exclusion(of path: TargetPath, name: [UInt8]) -> Glob? {
        excludes.first { Self.glob($0, matches: path, name: name) }
    }

    /// Whether a file is included: always when no include glob was given.
    func includes(_ path: TargetPath, name: [UInt8]) -> Bool {
        includes.isEmpty || includes.contains { Self.glob($0, matches: path, name: name) }
    }

    static func glob(_ glob: Glob, matches path: TargetPath, name: [UInt8]) -> Bool {
        if !glob.pattern.contains("/") { return glob.matches(name) }
        if glob.matches(path.bytes) { return true }
        var index = 0
        for byte in path.bytes {
            index += 1
            if byte == UInt8(ascii: "/"), glob.matches(path.bytes[index...]) { return true }
        }
        return false
    }

    /// Why a file named by a path from elsewhere than the walk (a git change) is not
    /// scanned, or nil when it is: an exclude glob may name any folder above it, as it
    /// would have stopped the walk there, and an include glob must name the file.
    func reasonToSkip(_ path: TargetPath) -> TargetReason? {
        for (index, byte) in path.bytes.enumerated() where byte == UInt8(ascii: "/") && index > 0 {
            let folder = TargetPath(bytes: Array(path.bytes[..<index]))
            if exclusion(of: folder, name: folder.lastComponent) != nil { return .excluded }
        }
        if exclusion(of: path, name: path.lastComponent) != nil { return .excluded }
        return includes(path, name: path.lastComponent) ? nil : .notIncluded
    }

    /// Whether a path (a finding's, as reported) or a folder above it matches one of
    /// `globs`, as `--exclude` would match it: the config's `allow-paths`.
    public static func matcher(for globs: [Glob]) -> @Sendable (String) -> Bool {
        let filter = PathFilter(includes: [], excludes: globs)
        return { path in filter.reasonToSkip(TargetPath(path)) == .excluded }
    }
}
