import PCRE2

/// Finds the candidates of one report range: digit clusters from the prefilter, trigger
/// literals from the keyword pass, and the cells of columns a table header names, each
/// handed to the regexes of the detectors that can match there, and each match to the
/// validator.
///
/// Contract, as in ripgrep's matcher: the prefilters may pass windows in which nothing
/// matches, never drop one in which something could.
struct CandidateFinder {
    unowned(unsafe) let engine: DetectionEngine
    let detectors: DetectorTable
    let keywords: KeywordProximity
    let validator: CandidateValidator
    /// PCRE2 match data and JIT stack of the owning session.
    unowned(unsafe) let scratch: MatchScratch
    /// Run sequences and the shaped detectors that accept them (see ``ShapeCache``).
    let shapes: ShapeCache
    /// Full-width text folded to ASCII around a cluster (see ``WidthFolder``).
    let folder: WidthFolder
    /// The widest look-behind, in characters, of the digit detectors.
    private let widestLookbehind: Int
    /// Short single-run clusters the prefilter may drop for this engine's detectors.
    private(set) var shortRunRule = DigitClusterPrefilter.ShortRunRule()

    init(
        engine: DetectionEngine, detectors: DetectorTable, keywords: KeywordProximity, validator: CandidateValidator,
        scratch: MatchScratch, shapes: ShapeCache, folder: WidthFolder
    ) {
        self.folder = folder
        widestLookbehind = engine.digitDetectors.map(\.lookbehind).max() ?? 0
        self.engine = engine
        self.detectors = detectors
        self.keywords = keywords
        self.validator = validator
        self.scratch = scratch
        self.shapes = shapes
        // What the detectors make of a cluster that is one short run, asked once.
        var rule = DigitClusterPrefilter.ShortRunRule()
        for run in 1..<8 {
            let bit = UInt64(1) << UInt64(run)
            let eligible = Self.eligibleDetectors(
                engine: engine, shapes: shapes,
                for: DigitCluster(range: 0..<run, digits: run, runLengths: bit, runSequence: UInt64(run), runCount: 1))
            if eligible == 0 {
                rule.ignored |= bit
            } else if eligible & ~engine.afterLetterDetectors == 0 {
                rule.needsLetterBefore |= bit
            }
        }
        shortRunRule = rule
    }

    /// Every validated candidate of `reportRange`, unsorted; PCRE2 limits hit on the way
    /// go to `events`.
    func find(
        in buffer: UnsafeRawBufferPointer, reportRange: Range<Int>, table: TableHeader?, bufferIsFileStart: Bool,
        events: inout [MatchLimitEvent]
    ) -> [Candidate] {
        var candidates: [Candidate] = []
        if engine.minimumDigits != Int.max {
            scanDigitClusters(in: buffer, reportRange: reportRange, table: table, into: &candidates, events: &events)
        }
        if engine.literals.hasTriggers {
            scanTriggerLiterals(in: buffer, reportRange: reportRange, into: &candidates, events: &events)
        }
        if let table, engine.columnDetectors != 0 {
            let named = table.namedDetectors & engine.columnDetectors
            if named != 0 {
                scanColumns(
                    named, of: table, in: buffer, reportRange: reportRange, bufferIsFileStart: bufferIsFileStart,
                    into: &candidates, events: &events)
            }
        }
        return candidates
    }

    /// Hands each digit cluster of the report range to the detectors that can match it.
    private func scanDigitClusters(
        in buffer: UnsafeRawBufferPointer, reportRange: Range<Int>, table: TableHeader?,
        into candidates: inout [Candidate], events: inout [MatchLimitEvent]
    ) {
        // Gate keyword-only detectors: where none of their keywords is within reach, their
        // regex need not run. A table header naming them opens the gate.
        let alwaysOpen = table?.namedDetectors ?? 0
        let digitDetectors = engine.digitDetectors
        let slots = engine.digitDetectorSlot
        let gatedDetectors = engine.gatedDetectors
        let afterLetter = engine.afterLetterDetectors
        // A strong local: read through the stored `unowned(unsafe)` reference, the engine
        // was retained and released once per cluster (a tenth of the scan's instructions).
        let engine = self.engine
        let shapes = self.shapes
        DigitClusterPrefilter.scan(
            buffer, range: reportRange, minimumDigits: engine.minimumDigits, shortRuns: shortRunRule
        ) { cluster in
            var eligible = Self.eligibleDetectors(engine: engine, shapes: shapes, for: cluster)
            if eligible & afterLetter != 0, !DigitClusterPrefilter.followsLetter(cluster.range.lowerBound, in: buffer) {
                eligible &= ~afterLetter
            }
            let gated = eligible & gatedDetectors & ~alwaysOpen
            if gated != 0 { eligible &= ~gated | keywords.openGates(gated, near: cluster.range, in: buffer) }
            if eligible != 0, WidthFolder.mayFold(cluster.range, in: buffer),
                runFolded(
                    eligible, cluster: cluster.range, in: buffer, reportRange: reportRange, into: &candidates,
                    events: &events)
            {
                return
            }
            while eligible != 0 {
                let index = eligible.trailingZeroBitCount
                eligible &= eligible - 1
                let lookbehind = digitDetectors[slots[index]].lookbehind
                // Start early so prefixes such as an invoice number's `T-` are inside the
                // window; end a little late so lookahead sees the next characters.
                let window =
                    PositionResolver.backUp(
                        characters: lookbehind, from: cluster.range.lowerBound, in: buffer)..<min(
                        buffer.count, cluster.range.upperBound + 16)
                run(
                    detector: index, window: window, anchor: .startsBefore(cluster.range.upperBound),
                    in: buffer, reportRange: reportRange, into: &candidates, events: &events)
            }
        }
    }

    /// The digit-triggered detectors (bit mask) whose minimum, run lengths and shapes
    /// admit `cluster`: a few AND and OR operations on the engine's tables, and for a
    /// cluster of several runs a look in the shape cache.
    @inline(__always)
    private static func eligibleDetectors(
        engine: DetectionEngine, shapes: ShapeCache, for cluster: DigitCluster
    ) -> DetectorMask {
        var eligible = engine.detectorsByMinimum[min(cluster.digits, 63)]
        var runs = cluster.runLengths
        var accepted: DetectorMask = 0
        while runs != 0 {
            accepted |= engine.detectorsByRun[runs.trailingZeroBitCount]
            runs &= runs - 1
        }
        eligible &= accepted
        let shaped = engine.shapedDetectors
        guard eligible & shaped != 0 else { return eligible }
        if cluster.runCount == 1, cluster.digits < 63 {
            return eligible & (~shaped | engine.shapedDetectorsBySingleRun[cluster.digits])
        }
        // More than eight runs: every shape qualifies (see `DigitCluster.contains`).
        guard cluster.runCount <= 8 else { return eligible }
        return eligible & (~shaped | shapes.acceptingDetectors(for: cluster, engine: engine))
    }

    /// Runs each literal-triggered detector around every occurrence of its literals that
    /// starts in the report range (found by the pass ``KeywordProximity/prepare`` made).
    private func scanTriggerLiterals(
        in buffer: UnsafeRawBufferPointer, reportRange: Range<Int>,
        into candidates: inout [Candidate], events: inout [MatchLimitEvent]
    ) {
        let hits = keywords.hits
        for hit in hits where hit.triggerDetectors != 0 && reportRange.contains(hit.range.lowerBound) {
            var remaining = hit.triggerDetectors
            let start = hit.range.lowerBound
            while remaining != 0 {
                let index = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                let (lookbehind, length) = detectors.withDetector(index) { ($0.literalLookbehind, $0.literalWindow) }
                let window =
                    PositionResolver.backUp(
                        characters: lookbehind, from: start, in: buffer)..<min(buffer.count, start + length)
                run(
                    detector: index, window: window, anchor: .contains(start), in: buffer,
                    reportRange: reportRange, into: &candidates, events: &events)
            }
        }
    }

    /// Runs the `column_regex` of the detectors in `named` over every cell of the
    /// columns whose header names them, in the rows that start in the report range (a
    /// row begun in an earlier chunk is that chunk's; the header row is skipped).
    private func scanColumns(
        _ named: DetectorMask, of table: TableHeader, in buffer: UnsafeRawBufferPointer, reportRange: Range<Int>,
        bufferIsFileStart: Bool, into candidates: inout [Candidate], events: inout [MatchLimitEvent]
    ) {
        var lineStart = reportRange.lowerBound
        if lineStart > 0 && buffer[lineStart - 1] != 0x0A {
            while lineStart < reportRange.upperBound && buffer[lineStart] != 0x0A { lineStart += 1 }
            lineStart += 1
        }
        var isHeader = lineStart == 0 && bufferIsFileStart
        while lineStart < reportRange.upperBound {
            var lineEnd = lineStart
            while lineEnd < buffer.count && buffer[lineEnd] != 0x0A { lineEnd += 1 }
            if !isHeader {
                table.forEachCell(in: buffer, line: lineStart..<lineEnd) { column, cell in
                    guard column < table.columnDetectors.count, !cell.isEmpty else { return }
                    var inColumn = table.columnDetectors[column] & named
                    while inColumn != 0 {
                        let index = inColumn.trailingZeroBitCount
                        inColumn &= inColumn - 1
                        run(
                            detector: index, window: cell, anchor: .startsBefore(cell.upperBound), in: buffer,
                            reportRange: reportRange, into: &candidates, events: &events, column: true)
                    }
                }
            }
            isHeader = false
            lineStart = lineEnd + 1
        }
    }

    /// Runs one detector's regex (or its `column_regex`) over a window, validating
    /// each match that belongs to `anchor` and starts in the report range.
    ///
    /// With `folded`, the regex searches the folder's text (window and anchor are in its
    /// offsets) and each match is mapped back to `buffer` before it is validated.
    private func run(
        detector index: Int, window: Range<Int>, anchor: MatchAnchor, in buffer: UnsafeRawBufferPointer,
        reportRange: Range<Int>, into candidates: inout [Candidate], events: inout [MatchLimitEvent],
        column: Bool = false, folded: Bool = false
    ) {
        let searched = folded ? folder.view : buffer
        let folder = self.folder
        let original = { (range: Range<Int>) in folded ? folder.original(range) : range }
        _ = detectors.withDetector(index, column: column) { detector, regex in
            let valueGroup = column ? detector.columnValueGroup : detector.valueGroup
            var start = window.lowerBound
            while start < window.upperBound {
                let whole: Range<Int>
                do throws(MatchError) {
                    guard
                        let found = try regex.firstMatch(
                            in: searched, from: start, to: window.upperBound, scratch: scratch)
                    else { break }
                    whole = found
                } catch {
                    events.append(
                        MatchLimitEvent(
                            detectorID: detector.id, byteOffset: original(start..<start).lowerBound,
                            message: error.description))
                    break
                }
                guard !whole.isEmpty else { break }
                start = whole.upperBound
                // Whether a later match in the window could still belong to this anchor: the
                // next one starts at `whole.upperBound` or later.
                let laterMatchesBelong: Bool
                switch anchor {
                case .startsBefore(let end):
                    // A match that starts past this cluster belongs to the next one.
                    if whole.lowerBound >= end { return }
                    laterMatchesBelong = whole.upperBound < end
                case .contains(let literal):
                    if whole.lowerBound > literal { return }
                    if whole.upperBound <= literal { continue }
                    laterMatchesBelong = false
                }
                defer { if !laterMatchesBelong { start = window.upperBound } }
                let match = original(whole)
                guard reportRange.contains(match.lowerBound) else { continue }
                let valueRange = original(valueGroup.flatMap { scratch.range(ofGroup: $0) } ?? whole)
                guard
                    var candidate = validator.validate(
                        detector: index, whole: match, value: valueRange, in: buffer,
                        searched: folded ? (searched, whole) : nil)
                else {
                    // A token in a provider's format whose check fails (a GitHub token with a
                    // wrong checksum) is no credential at all: kept as refuted, it takes the
                    // generic rule's match of the same text away (see ``CandidateArbiter``).
                    if refutesGenericMatches(detector.definition) {
                        candidates.append(
                            Candidate(detector: index, range: match, value: valueRange, lineOffset: -1, isRefuted: true)
                        )
                    }
                    continue
                }
                // Group numbers below are the main regex's.
                candidate.isWeak = !column && detector.weakGroup.flatMap { scratch.range(ofGroup: $0) } != nil
                if let evidence = detector.definition.evidence?.validator {
                    let checked: Range<Int>? =
                        column
                        ? valueRange
                        : detector.evidenceGroup.map { scratch.range(ofGroup: $0).map(original) } ?? valueRange
                    candidate.hasEvidence = checked.map { validator.passes(evidence, buffer, $0) } ?? false
                }
                candidates.append(candidate)
            }
        }
    }

    /// Runs `eligible` detectors on `cluster` with full-width text folded to ASCII;
    /// false when the cluster's context is too long to fold (the caller searches it as
    /// it is).
    private func runFolded(
        _ eligible: DetectorMask, cluster: Range<Int>, in buffer: UnsafeRawBufferPointer, reportRange: Range<Int>,
        into candidates: inout [Candidate], events: inout [MatchLimitEvent]
    ) -> Bool {
        // Look-behind may look a few characters before the widest window, look-ahead 16
        // characters (up to 3 bytes each) past the cluster.
        let context =
            PositionResolver.backUp(
                characters: widestLookbehind + 4, from: cluster.lowerBound, in: buffer)..<min(
                buffer.count, cluster.upperBound + 48)
        guard folder.fold(context, of: buffer) else { return false }
        let view = folder.view
        let start = folder.folded(cluster.lowerBound)
        let end = folder.folded(cluster.upperBound)
        var remaining = eligible
        while remaining != 0 {
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            let lookbehind = engine.digitDetectors[engine.digitDetectorSlot[index]].lookbehind
            let window =
                PositionResolver.backUp(characters: lookbehind, from: start, in: view)..<min(view.count, end + 16)
            run(
                detector: index, window: window, anchor: .startsBefore(end), in: buffer, reportRange: reportRange,
                into: &candidates, events: &events, folded: true)
        }
        return true
    }

    /// Whether a failed match of `definition` refutes a generic match of the same text:
    /// a specific secret detector whose validator proves a value was never issued (a
    /// checksum that fails) or is a placeholder. A JWT check that fails says only that
    /// the value is not a JWT, so it refutes nothing.
    private func refutesGenericMatches(_ definition: DetectorDefinition) -> Bool {
        guard engine.hasGenericDetectors, !definition.isGeneric, let validator = definition.validator else {
            return false
        }
        switch validator {
        case .githubToken, .gitlabToken, .npmToken, .bech32, .discordBotToken, .basicCredential, .password: return true
        default: return false
        }
    }
}
