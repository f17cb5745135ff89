import CPCRE2

/// A compiled, JIT-compiled PCRE2 pattern over UTF-8 bytes.
///
/// A `Regex` is immutable once built and may be shared by every worker thread: PCRE2
/// compiled code and JIT code are read-only during matching. Everything that changes
/// during a match (match data, JIT stack, limits) lives in a per-thread ``MatchScratch``.
public final class Regex: @unchecked Sendable {
    // SAFETY: `code` is owned by this object, freed exactly once in deinit, and never
    // mutated after init; PCRE2 documents compiled code as safe for concurrent matching.
    private let code: OpaquePointer
    /// The pattern text, kept for error messages.
    public let pattern: String
    /// Number of capturing groups in the pattern.
    public let captureCount: Int
    /// Whether the JIT compiler accepted the pattern (the interpreter is used otherwise).
    public let isJITCompiled: Bool

    /// Compiles `pattern`.
    ///
    /// Patterns are always compiled in UTF mode with `PCRE2_MATCH_INVALID_UTF`, so that
    /// subjects holding invalid UTF-8 are searched safely: invalid sequences simply never
    /// match instead of making the match undefined.
    public init(_ pattern: String, options: CompileOptions = []) throws(RegexError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let flags = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF) | options.pcre2Flags
        let compiled: OpaquePointer? = pattern.withCString { cString in
            // SAFETY: the pattern pointer is valid for the duration of the call; PCRE2
            // copies what it needs into the compiled code.
            cString.withMemoryRebound(to: UInt8.self, capacity: pattern.utf8.count + 1) {
                pcre2_compile_8($0, bango_pcre2_zero_terminated(), flags, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw RegexError.compile(
                pattern: pattern, offset: errorOffset, message: Self.message(for: errorCode))
        }
        code = compiled
        self.pattern = pattern

        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        isJITCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
    }

    deinit { pcre2_code_free_8(code) }

    /// The group number of the named group `name`, or nil if the pattern has none.
    public func groupNumber(named name: String) -> Int? {
        let number = name.withCString { cString in
            // SAFETY: the C string lives for the closure and is read up to its NUL, inside `capacity`; CChar and UInt8
            // have the same size.
            cString.withMemoryRebound(to: UInt8.self, capacity: name.utf8.count + 1) {
                pcre2_substring_number_from_name_8(code, $0)
            }
        }
        return number > 0 ? Int(number) : nil
    }

    /// Finds the first match in `subject[start..<end]` and returns its byte range.
    ///
    /// Lookbehind assertions may examine bytes before `start` (down to the beginning of
    /// `subject`), and lookahead may not see past `end`, which is what lets a caller run
    /// the pattern on a small window of a larger buffer with correct boundaries. The
    /// ranges of capturing groups stay readable through ``MatchScratch/range(ofGroup:)``
    /// until the next match made with the same scratch. Nothing here allocates.
    ///
    /// - Throws: ``MatchError`` when a resource limit stopped the search.
    public func firstMatch(
        in subject: UnsafeRawBufferPointer, from start: Int, to end: Int, scratch: MatchScratch
    ) throws(MatchError) -> Range<Int>? {
        precondition(start >= 0 && start <= end && end <= subject.count, "match window out of bounds")
        scratch.reserve(groups: captureCount + 1)
        // SAFETY: see the comment on `subjectBytes` below.
        guard let base = subject.baseAddress else { return nil }
        guard let matchData = scratch.matchData, let matchContext = scratch.matchContext else {
            throw MatchError(code: Int(PCRE2_ERROR_NOMEMORY), message: "out of memory for match data", pattern: pattern)
        }
        // SAFETY: `base` is valid for `subject.count` bytes and we pass `end` ≤ count as
        // the subject length, so PCRE2 never reads past the caller's buffer.
        let subjectBytes = base.assumingMemoryBound(to: UInt8.self)
        // JIT code is entered directly: pcre2_jit_match skips pcre2_match's option and
        // subject checks, which bango's patterns do not need (they are compiled with
        // PCRE2_MATCH_INVALID_UTF, so invalid UTF-8 is handled by the JIT code itself),
        // and which cost as much as a failed match on the small windows bango searches.
        // Resource limits still apply: the match context carries them and the JIT stack.
        let rc =
            isJITCompiled
            ? pcre2_jit_match_8(code, subjectBytes, end, start, 0, matchData, matchContext)
            : pcre2_match_8(code, subjectBytes, end, start, 0, matchData, matchContext)
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 {
            throw MatchError(code: Int(rc), message: Self.message(for: rc), pattern: pattern)
        }
        return scratch.range(ofGroup: 0)
    }

    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }
}

/// Compile options a pattern author may choose.
public struct CompileOptions: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Case-insensitive matching (`PCRE2_CASELESS`).
    public static let caseless = CompileOptions(rawValue: 1 << 0)
    /// `x` mode: whitespace and `#` comments in the pattern are ignored (`PCRE2_EXTENDED`).
    public static let extended = CompileOptions(rawValue: 1 << 1)
    /// The match must start at the search's start offset (`PCRE2_ANCHORED`).
    public static let anchored = CompileOptions(rawValue: 1 << 2)

    var pcre2Flags: UInt32 {
        var flags: UInt32 = 0
        if contains(.caseless) { flags |= UInt32(PCRE2_CASELESS) }
        if contains(.extended) { flags |= UInt32(PCRE2_EXTENDED) }
        if contains(.anchored) { flags |= UInt32(PCRE2_ANCHORED) }
        return flags
    }
}

/// A pattern that could not be compiled.
public enum RegexError: Error, Equatable, CustomStringConvertible {
    /// PCRE2 rejected the pattern; `offset` is the byte offset in the pattern it stopped at.
    case compile(pattern: String, offset: Int, message: String)

    public var description: String {
        switch self {
        case .compile(_, let offset, let message):
            return "regex does not compile at offset \(offset): \(message)"
        }
    }
}

/// A match that was abandoned, typically because it hit a match, depth or heap limit
/// (a catastrophically backtracking pattern).
public struct MatchError: Error, Equatable, CustomStringConvertible {
    /// PCRE2's negative error code.
    public let code: Int
    public let message: String
    public let pattern: String

    /// Whether a resource limit, rather than a bug, ended the match.
    public var isResourceLimit: Bool {
        [PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT]
            .map(Int.init).contains(code)
    }

    public var description: String { "match failed (PCRE2 \(code)): \(message)" }
}
