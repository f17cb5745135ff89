/// A validated match, plain values only: its masked form, fingerprint and raw text are
/// made once it is scored and reported, not for matches that are then dropped (repeats,
/// generic ones giving way, keyword-only ones with no keyword close enough).
struct Candidate {
    var detector: Int
    var range: Range<Int>
    /// The value inside the match (its `value_group`, or the whole match).
    var value: Range<Int>
    /// Newlines between the report range's start and the match; set by ``PositionResolver``.
    var lineOffset: Int
    /// The match is the detector's weaker form (its `weak_group` took part).
    var isWeak = false
    /// The value is a published documentation example.
    var isKnownExample = false
    /// The detector's `evidence` check passed: one level up.
    var hasEvidence = false
    /// The regex matched but the validator refused the value: never reported, kept only
    /// until generic matches of the same text are settled.
    var isRefuted = false
    /// The value reads as an epoch-milliseconds stamp: above low only beside a keyword.
    var isStampShaped = false
}

/// Which matches a regex window may yield: those starting before a digit cluster ends,
/// or those containing a trigger literal.
enum MatchAnchor {
    case startsBefore(Int)
    case contains(Int)
}
