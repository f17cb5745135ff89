/// What the digit prefilter needs of one digit-triggered detector; plain values only.
struct DigitDetector {
    let index: Int
    let minimum: Int
    let lookbehind: Int
    let runs: UInt64
    /// Its shapes in ``DetectionEngine/packedShapes``; empty: any shape.
    let shapes: Range<Int>
}
