import CPCRE2

/// Per-thread mutable state for matching: PCRE2 match data, a JIT stack and a match
/// context carrying resource limits.
///
/// Not thread-safe by design: each worker owns one and never shares it. Creating one is
/// comparatively expensive, so workers make it once and reuse it for every match.
public final class MatchScratch {
    /// Resource limits applied to every match made with this scratch.
    public struct Limits: Sendable, Equatable {
        /// `pcre2_set_match_limit`: bounds backtracking steps (also applies to JIT).
        public var matchLimit: UInt32
        /// `pcre2_set_depth_limit`: bounds nested backtracking (interpreter only).
        public var depthLimit: UInt32
        /// `pcre2_set_heap_limit` in KiB: bounds the interpreter's backtracking memory.
        public var heapLimitKiB: UInt32
        /// Largest JIT stack in bytes.
        public var jitStackBytes: Int

        public init(
            matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000,
            heapLimitKiB: UInt32 = 20_000, jitStackBytes: Int = 1 << 20
        ) {
            self.matchLimit = matchLimit
            self.depthLimit = depthLimit
            self.heapLimitKiB = heapLimitKiB
            self.jitStackBytes = jitStackBytes
        }
    }

    // SAFETY: all three pointers are created in init, owned exclusively by this object,
    // and freed once in deinit. `matchData` may be replaced by `reserve`, which frees the
    // old block first. They are nil only if PCRE2 could not allocate them, in which case
    // every match reports PCRE2_ERROR_NOMEMORY instead of crashing.
    private(set) var matchData: OpaquePointer?
    let matchContext: OpaquePointer?
    private let jitStack: OpaquePointer?
    private var groupCapacity: Int

    public init(limits: Limits = Limits()) {
        groupCapacity = 16
        matchData = pcre2_match_data_create_8(UInt32(groupCapacity), nil)
        matchContext = pcre2_match_context_create_8(nil)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, max(32 * 1024, limits.jitStackBytes), nil)
        pcre2_set_match_limit_8(matchContext, limits.matchLimit)
        pcre2_set_depth_limit_8(matchContext, limits.depthLimit)
        pcre2_set_heap_limit_8(matchContext, limits.heapLimitKiB)
        if let jitStack, let matchContext {
            // SAFETY: PCRE2 keeps the JIT stack as an opaque pointer, and both it and the match context are freed
            // together in deinit, so the context never outlives the stack.
            pcre2_jit_stack_assign_8(matchContext, nil, UnsafeMutableRawPointer(jitStack))
        }
    }

    deinit {
        if let matchData { pcre2_match_data_free_8(matchData) }
        if let matchContext { pcre2_match_context_free_8(matchContext) }
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// The byte range of capturing group `group` (0: the whole match) in the last
    /// successful match, or nil if the group did not take part.
    public func range(ofGroup group: Int) -> Range<Int>? {
        guard let matchData, group >= 0, group < Int(pcre2_get_ovector_count_8(matchData)) else { return nil }
        // SAFETY: the ovector holds 2 × count entries owned by the match data, and
        // `group` is below that count.
        guard let ovector = pcre2_get_ovector_pointer_8(matchData) else { return nil }
        let lower = ovector[2 * group]
        let upper = ovector[2 * group + 1]
        let unset = bango_pcre2_unset()
        return lower == unset || upper == unset || upper < lower ? nil : lower..<upper
    }

    /// Makes sure the match data can hold `groups` capture pairs.
    func reserve(groups: Int) {
        guard groups > groupCapacity || matchData == nil else { return }
        if let matchData { pcre2_match_data_free_8(matchData) }
        groupCapacity = max(groups, groupCapacity)
        matchData = pcre2_match_data_create_8(UInt32(groupCapacity), nil)
    }
}
