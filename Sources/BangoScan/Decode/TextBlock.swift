/// One block of text decoded to UTF-8, with the context before and after it, and the
/// part of it this block reports on.
struct TextBlock: Sendable {
    let index: Int
    let text: [UInt8]
    let reportRange: Range<Int>
    /// The text starts at the start of the target (no earlier block).
    let isTextStart: Bool
    /// No block follows.
    let isFinal: Bool
}
