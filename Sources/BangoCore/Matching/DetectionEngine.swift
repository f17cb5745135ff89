import BangoPatterns
import PCRE2

/// The compiled set of detectors one scan uses, shared read-only by every worker.
///
/// Compiling and JIT-compiling happen once here, before any worker starts; each worker
/// then makes its own ``DetectionSession`` with private scratch space.
public final class DetectionEngine: Sendable {
    public let detectors: [CompiledDetector]
    /// Every keyword and every trigger literal of every detector, found in one pass.
    public let literals: LiteralScanner
    /// The longest keyword in bytes.
    let longestKeyword: Int
    /// The smallest `min_digits` of any digit-triggered detector (`Int.max` when there
    /// is none): clusters with fewer are not tried.
    let minimumDigits: Int
    /// Indices of digit-triggered detectors with their minimum and look-behind.
    let digitDetectors: [DigitDetector]
    /// For each digit count n (63 stands for 63 or more), the digit detectors whose
    /// minimum is at most n; for each run length r, those that accept a run of r digits;
    /// and those with shapes to check. A cluster's candidates are a few AND and OR
    /// operations on these instead of a loop over every detector.
    let detectorsByMinimum: [DetectorMask]
    let detectorsByRun: [DetectorMask]
    let shapedDetectors: DetectorMask
    /// For a cluster of one run of n digits (63: 63 or more), the shaped detectors one
    /// of whose shapes it is: the commonest cluster needs no shape loop.
    let shapedDetectorsBySingleRun: [DetectorMask]
    /// Digit detectors (bit mask) whose clusters must follow a Latin letter (`after_letter`).
    let afterLetterDetectors: DetectorMask
    /// Each detector's entry in ``digitDetectors`` (or -1), by detector index.
    let digitDetectorSlot: [Int]
    /// The digit detectors' shapes, packed (see ``DigitCluster/contains(packedShape:count:)``);
    /// each detector names its slice. Flat, so the hot loop touches no nested arrays.
    let packedShapes: [(shape: UInt64, count: Int)]
    /// Digit-triggered detectors (bit mask) that report nothing without a keyword: a
    /// cluster with none of their keywords within reach is never handed to their regex,
    /// which is far cheaper than running it on every date and order number.
    let gatedDetectors: DetectorMask
    /// Detectors (bit mask) with a `column_regex`.
    let columnDetectors: DetectorMask
    /// Whether some detector is `generic` (then refuted specific matches are kept until
    /// the arbiter has settled overlaps).
    let hasGenericDetectors: Bool
    /// For each detector, the detectors (bit mask) it supersedes (`supersedes`).
    let supersededDetectors: [DetectorMask]
    /// How far around a match keywords are searched, in bytes (4 bytes per character at
    /// most, plus the longest keyword so a keyword is never cut at the window edge).
    let keywordReach: Int
    /// The widest context, in bytes, a match or its keywords may need on either side;
    /// callers that split a buffer into chunks overlap them by at least this much.
    public let contextBytes: Int

    /// Compiles the detectors of `packs` that `selection` admits. `acceleratedLiterals:
    /// false` keeps the keyword and literal pass off Hyperscan (tests compare the two).
    public init(
        packs: [PatternPack], selection: DetectorSelection = .all, acceleratedLiterals: Bool = true
    ) throws(EngineError) {
        var compiled: [CompiledDetector] = []
        var origin: [String: String] = [:]
        for pack in packs {
            for definition in pack.detectors where selection.admits(definition) {
                if let other = origin[definition.id] {
                    throw EngineError.pack(
                        PackError(
                            source: pack.source, line: definition.line, ruleID: definition.id,
                            message: "duplicate detector id (also defined in \(other))"))
                }
                origin[definition.id] = pack.source
                compiled.append(
                    try DetectorCompiler.compile(definition, source: pack.source, probeBacktracking: !pack.isBuiltin))
            }
        }
        // `supersedes` may name a detector the selection left out, never an unknown one.
        let known = Set(packs.flatMap { $0.detectors.map(\.id) })
        for pack in packs {
            for definition in pack.detectors where selection.admits(definition) {
                if let unknown = definition.supersedes.first(where: { !known.contains($0) }) {
                    throw EngineError.pack(
                        PackError(
                            source: pack.source, line: definition.line, ruleID: definition.id,
                            message: "`supersedes` names `\(unknown)`, which no loaded pack defines"))
                }
            }
        }
        guard compiled.count <= DetectorMask.capacity else {
            throw EngineError.tooManyDetectors(compiled.count)
        }
        detectors = compiled
        var patterns: [(String, LiteralScanner.Role, Int)] = []
        for (index, detector) in compiled.enumerated() {
            for keyword in detector.definition.keywords { patterns.append((keyword, .keyword, index)) }
        }
        longestKeyword = compiled.flatMap(\.definition.keywords).map(\.utf8.count).max() ?? 0
        var digitDetectors: [DigitDetector] = []
        var afterLetterMask: DetectorMask = 0
        var packedShapes: [(shape: UInt64, count: Int)] = []
        var widestLiteralWindow = 0
        for (index, detector) in compiled.enumerated() {
            switch detector.definition.trigger {
            case .digits(let minimum, let lookbehind, let runs, let shapes, let afterLetter):
                if afterLetter { afterLetterMask |= .detector(index) }
                let first = packedShapes.count
                for shape in shapes {
                    let packed = shape.enumerated().reduce(UInt64(0)) {
                        $0 | UInt64($1.element) << UInt64(8 * $1.offset)
                    }
                    packedShapes.append((packed, shape.count))
                }
                digitDetectors.append(
                    DigitDetector(
                        index: index, minimum: minimum, lookbehind: lookbehind, runs: runs == 0 ? ~0 : runs,
                        shapes: first..<packedShapes.count))
            case .literals(let words, let caseInsensitive, let lookbehind, let window):
                for word in words { patterns.append((word, .trigger(caseInsensitive: caseInsensitive), index)) }
                widestLiteralWindow = max(widestLiteralWindow, window + lookbehind * 4)
            }
        }
        self.digitDetectors = digitDetectors
        afterLetterDetectors = afterLetterMask
        var byMinimum = [DetectorMask](repeating: 0, count: 64)
        var byRun = [DetectorMask](repeating: 0, count: 64)
        var shaped: DetectorMask = 0
        var slots = [Int](repeating: -1, count: compiled.count)
        for (slot, detector) in digitDetectors.enumerated() {
            let bit = DetectorMask.detector(detector.index)
            for count in min(detector.minimum, 63)..<64 { byMinimum[count] |= bit }
            for run in 0..<64 where detector.runs & (UInt64(1) << UInt64(run)) != 0 { byRun[run] |= bit }
            if !detector.shapes.isEmpty { shaped |= bit }
            slots[detector.index] = slot
        }
        shapedDetectorsBySingleRun = (0..<64).map { length in
            digitDetectors.reduce(DetectorMask(0)) { mask, detector in
                let single = UInt64(length)
                return packedShapes[detector.shapes].contains { $0.count == 1 && $0.shape == single }
                    ? mask | .detector(detector.index) : mask
            }
        }
        detectorsByMinimum = byMinimum
        detectorsByRun = byRun
        shapedDetectors = shaped
        digitDetectorSlot = slots
        self.packedShapes = packedShapes
        literals = LiteralScanner(patterns: patterns, accelerated: acceleratedLiterals)
        var gated: DetectorMask = 0
        for (index, detector) in compiled.enumerated() {
            let definition = detector.definition
            guard case .digits = definition.trigger, definition.confidenceWithoutKeyword == nil,
                definition.weakConfidenceWithoutKeyword == nil, !definition.keywords.isEmpty
            else { continue }
            gated |= .detector(index)
        }
        gatedDetectors = gated
        columnDetectors = compiled.indices.reduce(0) {
            compiled[$1].columnRegex == nil ? $0 : $0 | .detector($1)
        }
        let indexByID = Dictionary(uniqueKeysWithValues: compiled.enumerated().map { ($1.definition.id, $0) })
        hasGenericDetectors = compiled.contains { $0.definition.isGeneric }
        supersededDetectors = compiled.map { detector in
            detector.definition.supersedes.compactMap { indexByID[$0] }.reduce(0) { $0 | .detector($1) }
        }
        minimumDigits = digitDetectors.map(\.minimum).min() ?? Int.max
        let distance = compiled.map(\.definition.keywordDistance).max() ?? 0
        keywordReach = distance * 4 + longestKeyword
        contextBytes = max(keywordReach, widestLiteralWindow) + 256
    }

    /// The engine for the built-in packs, plus any user packs.
    public static func builtin(
        selection: DetectorSelection = .all, adding userPacks: [PatternPack] = []
    ) throws(EngineError) -> DetectionEngine {
        try DetectionEngine(packs: PatternPack.builtin() + userPacks, selection: selection)
    }
}
