/// A gitignore-style glob over path bytes: `*` and `?` stop at `/`, `**` crosses it,
/// `[abc]`, `[a-z]` and `[!a]` are classes, and `\` escapes the next character.
public struct Glob: Sendable, Equatable {
    public let pattern: String
    private let bytes: [UInt8]

    public init(_ pattern: String) {
        self.pattern = pattern
        bytes = Array(pattern.utf8)
    }

    /// Whether the whole of `path` matches.
    public func matches(_ path: some Collection<UInt8>) -> Bool {
        let subject = Array(path)
        return Self.match(bytes, 0, subject, 0)
    }

    private static func match(_ pattern: [UInt8], _ p: Int, _ subject: [UInt8], _ s: Int) -> Bool {
        var p = p, s = s
        // Backtracking point for the most recent single `*`.
        var starP = -1, starS = -1
        while true {
            if p < pattern.count {
                let c = pattern[p]
                if c == UInt8(ascii: "*") {
                    if p + 1 < pattern.count && pattern[p + 1] == UInt8(ascii: "*") {
                        // `**`: any run of characters including `/`. A following `/` may
                        // also match nothing, so `a/**/b` matches `a/b`.
                        var rest = p + 2
                        if rest < pattern.count && pattern[rest] == UInt8(ascii: "/") {
                            rest += 1
                            if match(pattern, rest, subject, s) { return true }
                        }
                        var index = s
                        while index <= subject.count {
                            if match(pattern, rest, subject, index) { return true }
                            index += 1
                        }
                        return false
                    }
                    starP = p
                    starS = s
                    p += 1
                    continue
                }
                if s < subject.count {
                    if c == UInt8(ascii: "?") && subject[s] != UInt8(ascii: "/") {
                        p += 1; s += 1; continue
                    }
                    if c == UInt8(ascii: "["), let (matched, next) = matchClass(pattern, p, subject[s]) {
                        if matched { p = next; s += 1; continue }
                    } else if c == UInt8(ascii: "\\"), p + 1 < pattern.count {
                        if pattern[p + 1] == subject[s] { p += 2; s += 1; continue }
                    } else if c != UInt8(ascii: "?") && c == subject[s] {
                        p += 1; s += 1; continue
                    }
                }
            } else if s == subject.count {
                return true
            }
            // Mismatch: let the last `*` absorb one more character (never a `/`).
            if starP >= 0 && starS < subject.count && subject[starS] != UInt8(ascii: "/") {
                starS += 1
                s = starS
                p = starP + 1
                continue
            }
            return false
        }
    }

    /// Matches `byte` against the class starting at `pattern[start] == "["`.
    /// Returns nil when the class is not closed (then `[` is literal).
    private static func matchClass(_ pattern: [UInt8], _ start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var index = start + 1
        var negate = false
        if index < pattern.count && (pattern[index] == UInt8(ascii: "!") || pattern[index] == UInt8(ascii: "^")) {
            negate = true
            index += 1
        }
        var matched = false
        var first = true
        while index < pattern.count && (first || pattern[index] != UInt8(ascii: "]")) {
            first = false
            let low = pattern[index]
            if index + 2 < pattern.count && pattern[index + 1] == UInt8(ascii: "-") && pattern[index + 2] != UInt8(ascii: "]") {
                if byte >= low && byte <= pattern[index + 2] { matched = true }
                index += 3
            } else {
                if byte == low { matched = true }
                index += 1
            }
        }
        guard index < pattern.count else { return nil }
        return (matched != negate && byte != UInt8(ascii: "/"), index + 1)
    }
}

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
            rules.append(Rule(
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
}

/// The `.gitignore` files in force for one directory: its own and its ancestors'.
public struct IgnoreStack: Sendable {
    var files: [IgnoreFile] = []

    public init() {}

    func adding(_ file: IgnoreFile) -> IgnoreStack {
        var copy = self
        copy.files.append(file)
        return copy
    }

    /// Whether `path` is ignored; the deepest `.gitignore` with an opinion wins.
    public func isIgnored(_ path: TargetPath, isDirectory: Bool) -> Bool {
        let name = path.lastComponent
        for file in files.reversed() {
            guard path.bytes.count > file.base.count + 1,
                path.bytes.starts(with: file.base),
                file.base.isEmpty || path.bytes[file.base.count] == UInt8(ascii: "/")
            else { continue }
            let relative = Array(path.bytes[(file.base.isEmpty ? 0 : file.base.count + 1)...])
            if let verdict = file.verdict(relative: relative, name: name, isDirectory: isDirectory) {
                return verdict
            }
        }
        return false
    }
}
