import PCRE2

/// The engine's detectors as unmanaged references in one worker's own memory.
///
/// The hot path reads detectors through ``withDetector(_:_:)`` without touching a
/// reference count: every retain of a detector, of the engine's array or of a regex is
/// an atomic write to memory the other workers read too, and those writes were the
/// retain/release traffic in profiles of finding-dense scans.
struct DetectorTable {
    /// A detector and its regexes, unretained.
    struct References {
        let detector: Unmanaged<CompiledDetector>
        let regex: Unmanaged<Regex>
        let columnRegex: Unmanaged<Regex>?

        init(_ detector: CompiledDetector) {
            self.detector = .passUnretained(detector)
            regex = .passUnretained(detector.regex)
            columnRegex = detector.columnRegex.map { .passUnretained($0) }
        }
    }

    private let entries: UnsafeMutableBufferPointer<References>

    /// Allocates the table; the owner calls ``deallocate()`` once, when no reader is left.
    init(engine: DetectionEngine) {
        entries = .allocate(capacity: engine.detectors.count)
        // SAFETY: the buffer was just allocated with room for exactly these entries.
        _ = entries.initialize(from: engine.detectors.map(References.init))
    }

    func deallocate() { entries.deallocate() }

    /// Calls `body` with detector `index`, unretained.
    @inline(__always)
    func withDetector<Result>(_ index: Int, _ body: (CompiledDetector) -> Result) -> Result {
        // SAFETY: the engine, which the owning session holds for its whole life, holds
        // every detector, so each reference in the table outlives the call.
        entries[index].detector._withUnsafeGuaranteedRef(body)
    }

    /// Calls `body` with detector `index` and its regex (its `column_regex` when
    /// `column`), unretained; nil when it has no such regex.
    @inline(__always)
    func withDetector<Result>(_ index: Int, column: Bool, _ body: (CompiledDetector, Regex) -> Result) -> Result? {
        let references = entries[index]
        guard let regex = column ? references.columnRegex : references.regex else { return nil }
        // SAFETY: as above; a detector holds its regexes for its whole life.
        return references.detector._withUnsafeGuaranteedRef { detector in
            regex._withUnsafeGuaranteedRef { body(detector, $0) }
        }
    }
}
