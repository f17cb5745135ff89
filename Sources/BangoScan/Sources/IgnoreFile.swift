#if canImport(Glibc)
    import Glibc
#endif

/// The rules of one `.gitignore` file, applied to paths below its directory.
public struct IgnoreFile: Sendable {
    struct Rule: Sendable {
        let glob: Glob
        let negated: Bool
        let directoryOnly: Bool
        /// Anchored rules match the path relative to the file's directory; others match
        /// the last component at any depth.
        let anchored: Bool
    }

    /// The directory holding the `.gitignore`, as a path prefix.
    let base: [UInt8]
    let rules: [Rule]

    public init(base: [UInt8], contents: [UInt8]) {
        self.base = base
        var rules: [Rule] = []
        for rawLine in contents.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var line = Array(rawLine)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            // Trailing unescaped spaces are not part of the pattern.
            while line.last == UInt8(ascii: " ") && !(line.count >= 2 && line[line.count - 2] == UInt8(ascii: "\\")) {
                line.removeLast()
            }
            guard !line.isEmpty, line.first != UInt8(ascii: "#") else { continue }
            var negated = false
            if line.first == UInt8(ascii: "!") {
                negated = true
                line.removeFirst()
            } else if line.first == UInt8(ascii: "\\"), line.count > 1,
                line[1] == UInt8(ascii: "#") || line[1] == UInt8(ascii: "!")
            {
                line.removeFirst()
            }
            var directoryOnly = false
            if line.last == UInt8(ascii: "/") {
                directoryOnly = true
                line.removeLast()
            }
            guard !line.isEmpty else { continue }
            let anchored = line.dropLast().contains(UInt8(ascii: "/"))
            if line.first == UInt8(ascii: "/") { line.removeFirst() }
            rules.append(
                Rule(
                    glob: Glob(String(decoding: line, as: UTF8.self)), negated: negated,
                    directoryOnly: directoryOnly, anchored: anchored))
        }
        self.rules = rules
    }

    /// nil when no rule speaks of `relative`; otherwise whether it is ignored (the last
    /// matching rule wins, so `!` can re-include).
    func verdict(relative: [UInt8], name: [UInt8], isDirectory: Bool) -> Bool? {
        var result: Bool? = nil
        for rule in rules where !rule.directoryOnly || isDirectory {
            if rule.glob.matches(rule.anchored ? relative : name) { result = !rule.negated }
        }
        return result
    }

    /// The `.gitignore` of `directory`, if it has one (at most its first MiB is read).
    static func read(in directory: TargetPath) -> IgnoreFile? {
        let path = directory.appending(Array(".gitignore".utf8))
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while contents.count < 1 << 20 {
            let count = Glibc.read(fd, &chunk, chunk.count)
            if count <= 0 { break }
            contents += chunk[0..<count]
        }
        return IgnoreFile(base: directory.bytes, contents: contents)
    }
}
