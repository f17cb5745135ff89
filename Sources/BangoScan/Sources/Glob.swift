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
        var p = p
        var s = s
        // Backtracking point for the most recent single `*`.
        var starP = -1
        var starS = -1
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
                        p += 1
                        s += 1
                        continue
                    }
                    if c == UInt8(ascii: "["), let (matched, next) = matchClass(pattern, p, subject[s]) {
                        if matched {
                            p = next
                            s += 1
                            continue
                        }
                    } else if c == UInt8(ascii: "\\"), p + 1 < pattern.count {
                        if pattern[p + 1] == subject[s] {
                            p += 2
                            s += 1
                            continue
                        }
                    } else if c != UInt8(ascii: "?") && c == subject[s] {
                        p += 1
                        s += 1
                        continue
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
            if index + 2 < pattern.count && pattern[index + 1] == UInt8(ascii: "-")
                && pattern[index + 2] != UInt8(ascii: "]")
            {
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
