import BangoPatterns
import PCRE2

/// A detector ready to run: its definition plus the compiled, JIT-compiled pattern.
///
/// A class, so the hot path passes one reference instead of copying a definition full
/// of strings and arrays (which showed up as retain/release traffic in profiles).
public final class CompiledDetector: Sendable {
    public let definition: DetectorDefinition
    public let id: String
    let regex: Regex
    let valueGroup: Int?
    let weakGroup: Int?
    /// The group `evidence.group` names, when it names one.
    let evidenceGroup: Int?
    /// For literal triggers: characters before the literal and bytes after it that the
    /// regex window spans.
    let literalLookbehind: Int
    let literalWindow: Int
    /// Whether a keyword can change the level, so keywords need to be looked for.
    let keywordsMatter: Bool
    /// The compiled `column_regex`, and its value group when `value_group` names one.
    let columnRegex: Regex?
    let columnValueGroup: Int?

    init(definition: DetectorDefinition, regex: Regex, valueGroup: Int?, weakGroup: Int?, evidenceGroup: Int?,
         columnRegex: Regex? = nil) {
        self.definition = definition
        id = definition.id
        self.regex = regex
        self.valueGroup = valueGroup
        self.weakGroup = weakGroup
        self.evidenceGroup = evidenceGroup
        if case .literals(_, _, let lookbehind, let window) = definition.trigger {
            literalLookbehind = lookbehind
            literalWindow = window
        } else {
            literalLookbehind = 0
            literalWindow = 0
        }
        keywordsMatter = definition.confidenceWithKeyword != definition.confidenceWithoutKeyword
            || definition.weakConfidenceWithKeyword != definition.weakConfidenceWithoutKeyword
        self.columnRegex = columnRegex
        columnValueGroup = definition.valueGroup.flatMap { columnRegex?.groupNumber(named: $0) }
    }
}

/// What the digit prefilter needs of one digit-triggered detector; plain values only.
struct DigitDetector {
    let index: Int
    let minimum: Int
    let lookbehind: Int
    let runs: UInt64
    /// Its shapes in ``DetectionEngine/packedShapes``; empty: any shape.
    let shapes: Range<Int>
}

/// The compiled set of detectors one scan uses, shared read-only by every worker.
///
/// Compiling and JIT-compiling happen once here, before any worker starts; each worker
/// then makes its own ``EngineWorker`` with private scratch space.
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
    let detectorsByMinimum: [UInt64]
    let detectorsByRun: [UInt64]
    let shapedDetectors: UInt64
    /// For a cluster of one run of n digits (63: 63 or more), the shaped detectors one
    /// of whose shapes it is: the commonest cluster needs no shape loop.
    let shapedDetectorsBySingleRun: [UInt64]
    /// Digit detectors (bit mask) whose clusters must follow a Latin letter (`after_letter`).
    let afterLetterDetectors: UInt64
    /// Each detector's entry in ``digitDetectors`` (or -1), by detector index.
    let digitDetectorSlot: [Int]
    /// The digit detectors' shapes, packed (see ``DigitCluster/contains(packedShape:count:)``);
    /// each detector names its slice. Flat, so the hot loop touches no nested arrays.
    let packedShapes: [(shape: UInt64, count: Int)]
    /// Digit-triggered detectors (bit mask) that report nothing without a keyword: a
    /// cluster with none of their keywords within reach is never handed to their regex,
    /// which is far cheaper than running it on every date and order number.
    let gatedDetectors: UInt64
    /// Detectors (bit mask) with a `column_regex`.
    let columnDetectors: UInt64
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
                    throw EngineError.pack(PackError(
                        source: pack.source, line: definition.line, ruleID: definition.id,
                        message: "duplicate detector id (also defined in \(other))"))
                }
                origin[definition.id] = pack.source
                compiled.append(try Self.compile(definition, source: pack.source, probeBacktracking: !pack.isBuiltin))
            }
        }
        guard compiled.count <= 64 else {
            throw EngineError.tooManyDetectors(compiled.count)
        }
        detectors = compiled
        var patterns: [(String, LiteralScanner.Role, Int)] = []
        for (index, detector) in compiled.enumerated() {
            for keyword in detector.definition.keywords { patterns.append((keyword, .keyword, index)) }
        }
        longestKeyword = compiled.flatMap(\.definition.keywords).map(\.utf8.count).max() ?? 0
        var digitDetectors: [DigitDetector] = []
        var afterLetterMask: UInt64 = 0
        var packedShapes: [(shape: UInt64, count: Int)] = []
        var widestLiteralWindow = 0
        for (index, detector) in compiled.enumerated() {
            switch detector.definition.trigger {
            case .digits(let minimum, let lookbehind, let runs, let shapes, let afterLetter):
                if afterLetter { afterLetterMask |= UInt64(1) << UInt64(index) }
                let first = packedShapes.count
                for shape in shapes {
                    let packed = shape.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
                    packedShapes.append((packed, shape.count))
                }
                digitDetectors.append(DigitDetector(
                    index: index, minimum: minimum, lookbehind: lookbehind, runs: runs == 0 ? ~0 : runs,
                    shapes: first..<packedShapes.count))
            case .literals(let words, let caseInsensitive, let lookbehind, let window):
                for word in words { patterns.append((word, .trigger(caseInsensitive: caseInsensitive), index)) }
                widestLiteralWindow = max(widestLiteralWindow, window + lookbehind * 4)
            }
        }
        self.digitDetectors = digitDetectors
        afterLetterDetectors = afterLetterMask
        var byMinimum = [UInt64](repeating: 0, count: 64)
        var byRun = [UInt64](repeating: 0, count: 64)
        var shaped: UInt64 = 0
        var slots = [Int](repeating: -1, count: compiled.count)
        for (slot, detector) in digitDetectors.enumerated() {
            let bit = UInt64(1) << UInt64(detector.index)
            for count in min(detector.minimum, 63)..<64 { byMinimum[count] |= bit }
            for run in 0..<64 where detector.runs & (UInt64(1) << UInt64(run)) != 0 { byRun[run] |= bit }
            if !detector.shapes.isEmpty { shaped |= bit }
            slots[detector.index] = slot
        }
        shapedDetectorsBySingleRun = (0..<64).map { length in
            digitDetectors.reduce(UInt64(0)) { mask, detector in
                let single = UInt64(length)
                return packedShapes[detector.shapes].contains { $0.count == 1 && $0.shape == single }
                    ? mask | UInt64(1) << UInt64(detector.index) : mask
            }
        }
        detectorsByMinimum = byMinimum
        detectorsByRun = byRun
        shapedDetectors = shaped
        digitDetectorSlot = slots
        self.packedShapes = packedShapes
        literals = LiteralScanner(patterns: patterns, accelerated: acceleratedLiterals)
        var gated: UInt64 = 0
        for (index, detector) in compiled.enumerated() {
            let definition = detector.definition
            guard case .digits = definition.trigger, definition.confidenceWithoutKeyword == nil,
                definition.weakConfidenceWithoutKeyword == nil, !definition.keywords.isEmpty
            else { continue }
            gated |= UInt64(1) << UInt64(index)
        }
        gatedDetectors = gated
        columnDetectors = compiled.indices.reduce(0) { compiled[$1].columnRegex == nil ? $0 : $0 | UInt64(1) << UInt64($1) }
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

    /// Inputs on which a sane pattern needs few backtracking steps and a catastrophic one
    /// (nested quantifiers such as `(a+)+$`) needs exponentially many.
    static let backtrackingProbes: [String] = {
        let runs = ["a", "1", "1 ", "a1", "-", " ", "aa-", "1.", "\u{3042}", "_a"]
        return runs.map { String(repeating: $0, count: 3000 / $0.count) + "!" }
    }()

    /// Runs `regex` over the probes under a tight match limit; a pattern that hits it
    /// would stall real scans, so the pack is rejected instead.
    static func checkBacktracking(_ regex: Regex, definition: DetectorDefinition, source: String) throws(EngineError) {
        let scratch = MatchScratch(limits: .init(matchLimit: 2_000_000, depthLimit: 10_000, heapLimitKiB: 20_000))
        for probe in backtrackingProbes + definition.examples.map({ String(repeating: $0.text + " ", count: 20) }) {
            let bytes = Array(probe.utf8)
            let inputSize = bytes.count
            do {
                var start = 0
                // Search the whole probe, as a scan would, one match after another.
                while start < bytes.count {
                    guard let range = try bytes.withUnsafeBytes({
                        try regex.firstMatch(in: $0, from: start, to: $0.count, scratch: scratch)
                    }) else { break }
                    start = max(range.upperBound, start + 1)
                }
            } catch {
                let reason = (error as? MatchError)?.message ?? "\(error)"
                let message = "the regex backtracks catastrophically (\(reason) on a \(inputSize)-byte test input); "
                throw EngineError.pack(PackError(
                    source: source, line: definition.line, ruleID: definition.id,
                    message: message + "avoid nested quantifiers such as (a+)+"))
            }
        }
    }

    static func compile(
        _ definition: DetectorDefinition, source: String, probeBacktracking: Bool = true
    ) throws(EngineError) -> CompiledDetector {
        func compileRegex(_ pattern: String, field: String) throws(EngineError) -> Regex {
            do {
                return try Regex(pattern)
            } catch {
                throw EngineError.pack(PackError(
                    source: source, line: definition.line, ruleID: definition.id,
                    message: field == "regex" ? error.description : "`\(field)`: \(error.description)"))
            }
        }
        let regex = try compileRegex(definition.regex, field: "regex")
        let columnRegex = try definition.columnRegex.map { pattern throws(EngineError) in
            let compiled = try compileRegex(pattern, field: "column_regex")
            if probeBacktracking { try checkBacktracking(compiled, definition: definition, source: source) }
            return compiled
        }
        if probeBacktracking { try checkBacktracking(regex, definition: definition, source: source) }
        func group(_ name: String?, field: String) throws(EngineError) -> Int? {
            guard let name else { return nil }
            guard let number = regex.groupNumber(named: name) else {
                throw EngineError.pack(PackError(
                    source: source, line: definition.line, ruleID: definition.id,
                    message: "`\(field): \(name)` names no group in the regex"))
            }
            return number
        }
        return CompiledDetector(
            definition: definition, regex: regex,
            valueGroup: try group(definition.valueGroup, field: "value_group"),
            weakGroup: try group(definition.weakGroup, field: "weak_group"),
            evidenceGroup: try group(definition.evidence?.group, field: "evidence.group"),
            columnRegex: columnRegex)
    }
}

/// Which detectors a scan runs: all, or those named by id or jurisdiction.
public struct DetectorSelection: Sendable {
    public var only: [String]
    public var skip: [String]

    public static let all = DetectorSelection(only: [], skip: [])

    public init(only: [String], skip: [String]) {
        self.only = only
        self.skip = skip
    }

    /// Jurisdictions that a group name stands for: `eu`, the member states (the packs
    /// use ISO 3166 codes such as `es`, `nl`).
    public static let groups: [String: Set<String>] = [
        "eu": ["at", "be", "bg", "cy", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr", "hr", "hu", "ie", "it",
               "lt", "lu", "lv", "mt", "nl", "pl", "pt", "ro", "se", "si", "sk"],
    ]

    static func name(_ name: String, selects definition: DetectorDefinition) -> Bool {
        name == definition.id || name == definition.jurisdiction || definition.id.hasPrefix(name + ".")
            || groups[name]?.contains(definition.jurisdiction) == true
    }

    func admits(_ definition: DetectorDefinition) -> Bool {
        if skip.contains(where: { Self.name($0, selects: definition) }) { return false }
        return only.isEmpty || only.contains(where: { Self.name($0, selects: definition) })
    }

    /// Names in `only` or `skip` that select no detector of `packs`: a typo in `--skip`
    /// must not quietly run everything.
    public func unknownNames(in packs: [PatternPack]) -> [String] {
        let definitions = packs.flatMap(\.detectors)
        return (only + skip).filter { name in !definitions.contains { Self.name(name, selects: $0) } }
    }
}

/// Why an engine could not be built.
public enum EngineError: Error, CustomStringConvertible, Equatable {
    case pack(PackError)
    case tooManyDetectors(Int)

    public var description: String {
        switch self {
        case .pack(let error): error.description
        case .tooManyDetectors(let count): "\(count) detectors selected; at most 64 can run at once"
        }
    }
}

extension PatternPack {
    /// The packs built into the binary.
    public static func builtin() throws(EngineError) -> [PatternPack] {
        var packs: [PatternPack] = []
        for (fileName, contents) in BuiltinPacks.all {
            do {
                packs.append(try PatternPack(
                    yaml: String(decoding: contents, as: UTF8.self), source: "builtin:\(fileName)", isBuiltin: true))
            } catch {
                throw EngineError.pack(error)
            }
        }
        return packs
    }
}
