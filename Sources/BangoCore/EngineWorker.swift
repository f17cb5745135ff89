import PCRE2

/// What a worker reports for one match it accepted.
public struct Detection: Sendable, Equatable {
    public var detectorID: String
    /// Byte range of the whole match in the scanned buffer.
    public var byteRange: Range<Int>
    /// Newlines between the start of the report range and the match (0-based line).
    public var lineOffset: Int
    /// 1-based column in characters. Counted from the start of the report range when
    /// `columnIsFromRangeStart` (no newline lies between), so a caller that split a file
    /// into chunks can add the previous chunk's trailing characters.
    public var column: Int
    public var columnIsFromRangeStart: Bool
    public var confidence: Confidence
    public var masked: String
    public var fingerprint: Fingerprint
    /// The raw matched text, present only when the caller asked to reveal values.
    public var revealedValue: String?
}

/// A pattern that hit a PCRE2 resource limit; the rest of the scan went on.
public struct MatchLimitEvent: Sendable, Equatable {
    public var detectorID: String
    public var byteOffset: Int
    public var message: String
}

/// The result of scanning one report range of a buffer.
public struct ScanOutcome: Sendable {
    public var detections: [Detection] = []
    /// Newlines in the report range.
    public var newlines = 0
    /// Characters after the last newline in the report range (all of them if none).
    public var charactersAfterLastNewline = 0
    public var limitEvents: [MatchLimitEvent] = []

    public init() {}
}

/// How findings are presented: whether raw values are kept, and the fingerprint key.
public struct DetectionOptions: Sendable {
    public var reveal: Bool
    public var fingerprinter: Fingerprinter

    public init(reveal: Bool, fingerprinter: Fingerprinter) {
        self.reveal = reveal
        self.fingerprinter = fingerprinter
    }
}

/// One worker's matcher, validator and scorer: the shared engine plus this thread's
/// scratch space. Not thread-safe; make one per worker thread and reuse it.
public final class EngineWorker {
    public let engine: DetectionEngine

    /// The table header of a CSV/TSV file, if its columns name any detector.
    public func tableHeader(fileName: [UInt8], head: UnsafeRawBufferPointer) -> TableHeader? {
        guard let delimiter = TableHeader.delimiter(forFileName: fileName, head: head) else { return nil }
        return TableHeader(head: head, delimiter: delimiter, keywords: engine.literals)
    }

    let options: DetectionOptions
    private let scratch: MatchScratch
    private let fingerprintKey: Fingerprinter.Key
    /// The keyword hits of the buffer being scanned. In the worker's own memory, like
    /// ``shapeCache``: as a stored `var` of this class, every gate question (one per
    /// cluster) paid a dynamic exclusivity check.
    /// SAFETY: initialised in init, deinitialised and freed in deinit; a worker is used
    /// by one thread at a time, so nothing else reads or writes it meanwhile.
    private let keywordCache = UnsafeMutablePointer<KeywordCache>.allocate(capacity: 1)
    /// Where a value is normalised (the longest one a detector may fold is 8 KiB), and
    /// where an evidence check normalises its own. The worker's own memory, like
    /// ``shapeCache``, so the hot path pays no exclusivity or uniqueness checks.
    private let normalized = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 8192)
    private let evidenceScratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)

    public init(engine: DetectionEngine, options: DetectionOptions, limits: MatchScratch.Limits = .init()) {
        self.engine = engine
        self.options = options
        // SAFETY: the scratch buffers are only written before they are read (every
        // reader reads the prefix a normaliser has just written); zeroed for tidiness.
        normalized.initialize(repeating: 0)
        evidenceScratch.initialize(repeating: 0)
        detectorTable = .allocate(capacity: engine.detectors.count)
        _ = detectorTable.initialize(from: engine.detectors.map(DetectorReferences.init))
        scratch = MatchScratch(limits: limits)
        fingerprintKey = Fingerprinter.Key(options.fingerprinter)
        let reach = engine.detectors.map { $0.definition.keywordDistance * 4 }
        keywordCache.initialize(to: KeywordCache(reach: reach))
        longestKeyword = engine.longestKeyword
        widestGateReach = reach.indices
            .filter { engine.gatedDetectors & (UInt64(1) << UInt64($0)) != 0 }.map { reach[$0] }.max() ?? 0
        // What the detectors make of a cluster that is one short run, asked once.
        var rule = DigitClusterPrefilter.ShortRunRule()
        for run in 1..<8 {
            let bit = UInt64(1) << UInt64(run)
            let eligible = eligibleDetectors(for: DigitCluster(
                range: 0..<run, digits: run, runLengths: bit, runSequence: UInt64(run), runCount: 1))
            if eligible == 0 {
                rule.ignored |= bit
            } else if eligible & ~engine.afterLetterDetectors == 0 {
                rule.needsLetterBefore |= bit
            }
        }
        shortRunRule = rule
    }

    /// Short single-run clusters the prefilter may drop for this engine's detectors.
    private var shortRunRule = DigitClusterPrefilter.ShortRunRule()

    /// Scans `buffer`, reporting matches that start inside `reportRange`.
    ///
    /// Bytes outside the report range are context: lookbehind, lookahead and keywords
    /// may use them, but matches starting there belong to a neighbouring chunk.
    ///
    /// - Parameters:
    ///   - table: the file's header, when it is a table; its columns count as keywords.
    ///   - bufferIsFileStart: whether `buffer` begins at the start of the file.
    public func scan(
        _ buffer: UnsafeRawBufferPointer, reportRange: Range<Int>, table: TableHeader? = nil,
        bufferIsFileStart: Bool = true
    ) -> ScanOutcome {
        precondition(reportRange.lowerBound >= 0 && reportRange.upperBound <= buffer.count)
        var outcome = ScanOutcome()
        var candidates: [Candidate] = []
        keywordCache.pointee.reset()
        if engine.literals.hasTriggers {
            // Trigger literals must be looked for everywhere, so search the report range
            // and the keyword reach around it in one pass now; keyword questions below
            // are then answered from this pass.
            let reach = engine.keywordReach
            keywordCache.pointee.cover(
                max(0, reportRange.lowerBound - reach)..<min(buffer.count, reportRange.upperBound + reach),
                with: engine.literals, in: buffer)
        }

        if engine.minimumDigits != Int.max {
            scanDigitClusters(
                in: buffer, reportRange: reportRange, table: table, into: &candidates, events: &outcome.limitEvents)
        }
        if engine.literals.hasTriggers {
            scanTriggerLiterals(in: buffer, reportRange: reportRange, into: &candidates, events: &outcome.limitEvents)
        }
        if let table, engine.columnDetectors != 0 {
            let named = table.namedDetectors & engine.columnDetectors
            if named != 0 {
                scanColumns(named, of: table, in: buffer, reportRange: reportRange, bufferIsFileStart: bufferIsFileStart,
                            into: &candidates, events: &outcome.limitEvents)
            }
        }
        outcome.charactersAfterLastNewline = Self.charactersAfterLastNewline(buffer, in: reportRange)

        candidates.sort { ($0.range.lowerBound, $0.detector) < ($1.range.lowerBound, $1.detector) }
        Self.removeDuplicates(&candidates)
        yieldGenericMatches(&candidates)
        outcome.newlines = Self.resolveLines(&candidates, in: buffer, range: reportRange)
        var cursor = ColumnCursor(rangeStart: reportRange.lowerBound)
        for candidate in candidates {
            guard let confidence = score(candidate, in: buffer, table: table, bufferIsFileStart: bufferIsFileStart)
            else { continue }
            let (column, fromRangeStart) = cursor.column(of: candidate.range.lowerBound, line: candidate.lineOffset, in: buffer)
            let (masked, fingerprint) = present(candidate, in: buffer)
            outcome.detections.append(Detection(
                detectorID: engine.detectors[candidate.detector].id,
                byteRange: candidate.range,
                lineOffset: candidate.lineOffset,
                column: column,
                columnIsFromRangeStart: fromRangeStart,
                confidence: confidence,
                masked: masked,
                fingerprint: fingerprint,
                revealedValue: options.reveal
                    ? String(decoding: UnsafeRawBufferPointer(rebasing: buffer[candidate.range]), as: UTF8.self) : nil))
        }
        return outcome
    }

    /// A run sequence and the shaped detectors that accept it.
    struct ShapeCacheEntry {
        var sequence: UInt64
        var count: Int
        var accepted: UInt64
    }

    /// 256 entries, direct-mapped by the sequence's hash. Its own allocation, so the
    /// per-cluster closure neither retains an array nor pays for exclusivity checks.
    private let shapeCache: UnsafeMutableBufferPointer<ShapeCacheEntry> = {
        let cache = UnsafeMutableBufferPointer<ShapeCacheEntry>.allocate(capacity: 256)
        // SAFETY: freshly allocated, initialised here in full; a count of -1 matches no
        // cluster. Deallocated in deinit, which no closure outlives.
        cache.initialize(repeating: ShapeCacheEntry(sequence: 0, count: -1, accepted: 0))
        return cache
    }()

    /// The engine's detectors as unmanaged references in this worker's own memory. The
    /// hot path reads detectors through ``withDetector(_:_:)`` without touching a
    /// reference count: every retain of a detector, of the engine's array or of a regex
    /// is an atomic write to memory the other workers read too, and those writes were
    /// the retain/release traffic in profiles of finding-dense scans.
    private let detectorTable: UnsafeMutableBufferPointer<DetectorReferences>

    /// A detector and its regexes, unretained.
    struct DetectorReferences {
        let detector: Unmanaged<CompiledDetector>
        let regex: Unmanaged<Regex>
        let columnRegex: Unmanaged<Regex>?

        init(_ detector: CompiledDetector) {
            self.detector = .passUnretained(detector)
            regex = .passUnretained(detector.regex)
            columnRegex = detector.columnRegex.map { .passUnretained($0) }
        }
    }

    /// Calls `body` with detector `index`, unretained.
    @inline(__always)
    private func withDetector<Result>(_ index: Int, _ body: (CompiledDetector) -> Result) -> Result {
        // SAFETY: the engine, which this worker holds for its whole life, holds every
        // detector, so each reference in the table outlives the call.
        detectorTable[index].detector._withUnsafeGuaranteedRef(body)
    }

    /// Calls `body` with detector `index` and its regex (its `column_regex` when
    /// `column`), unretained; nil when it has no such regex.
    @inline(__always)
    private func withDetector<Result>(
        _ index: Int, column: Bool, _ body: (CompiledDetector, Regex) -> Result
    ) -> Result? {
        let references = detectorTable[index]
        guard let regex = column ? references.columnRegex : references.regex else { return nil }
        // SAFETY: as above; a detector holds its regexes.
        return references.detector._withUnsafeGuaranteedRef { detector in
            regex._withUnsafeGuaranteedRef { body(detector, $0) }
        }
    }

    deinit {
        shapeCache.deallocate()
        detectorTable.deallocate()
        normalized.deallocate()
        evidenceScratch.deallocate()
        keywordCache.deinitialize(count: 1)
        keywordCache.deallocate()
    }

    /// A validated match, plain values only: its masked form, fingerprint and raw text
    /// are made once it is scored and reported, not for matches that are then dropped
    /// (repeats, generic ones giving way, keyword-only ones with no keyword close enough).
    struct Candidate {
        var detector: Int
        var range: Range<Int>
        /// The value inside the match (its `value_group`, or the whole match).
        var value: Range<Int>
        /// Newlines between the report range's start and the match; set by ``resolveLines``.
        var lineOffset: Int
        /// The match is the detector's weaker form (its `weak_group` took part).
        var isWeak = false
        /// The value is a published documentation example.
        var isKnownExample = false
        /// The detector's `evidence` check passed: one level up.
        var hasEvidence = false
    }

    /// Which matches a window may yield: those starting before a digit cluster ends, or
    /// those containing a trigger literal.
    enum Anchor {
        case startsBefore(Int)
        case contains(Int)
    }

    /// Hands each digit cluster of the report range to the detectors that can match it.
    private func scanDigitClusters(
        in buffer: UnsafeRawBufferPointer, reportRange: Range<Int>, table: TableHeader?,
        into candidates: inout [Candidate], events: inout [MatchLimitEvent]
    ) {
        // Gate keyword-only detectors: where none of their keywords is within reach, their
        // regex need not run. A table header naming them opens the gate.
        let alwaysOpen = table?.namedDetectors ?? 0
        let digitDetectors = engine.digitDetectors, slots = engine.digitDetectorSlot
        let gatedDetectors = engine.gatedDetectors
        let afterLetter = engine.afterLetterDetectors
        DigitClusterPrefilter.scan(
            buffer, range: reportRange, minimumDigits: engine.minimumDigits, shortRuns: shortRunRule
        ) { cluster in
            var eligible = eligibleDetectors(for: cluster)
            if eligible & afterLetter != 0, !DigitClusterPrefilter.followsLetter(cluster.range.lowerBound, in: buffer) {
                eligible &= ~afterLetter
            }
            let gated = eligible & gatedDetectors & ~alwaysOpen
            if gated != 0 { eligible &= ~gated | openGates(gated, near: cluster.range, in: buffer) }
            while eligible != 0 {
                let index = eligible.trailingZeroBitCount
                eligible &= eligible - 1
                let lookbehind = digitDetectors[slots[index]].lookbehind
                // Start early so prefixes such as an invoice number's `T-` are inside the
                // window; end a little late so lookahead sees the next characters.
                let window = Self.backUp(characters: lookbehind, from: cluster.range.lowerBound, in: buffer)
                    ..< min(buffer.count, cluster.range.upperBound + 16)
                run(detector: index, window: window, anchor: .startsBefore(cluster.range.upperBound),
                    in: buffer, reportRange: reportRange, into: &candidates, events: &events)
            }
        }
    }

    /// The digit-triggered detectors (bit mask) whose minimum, run lengths and shapes
    /// admit `cluster`: a few AND and OR operations on the engine's tables, and for a
    /// cluster of several runs a look in the shape cache.
    @inline(__always)
    private func eligibleDetectors(for cluster: DigitCluster) -> UInt64 {
        var eligible = engine.detectorsByMinimum[min(cluster.digits, 63)]
        var runs = cluster.runLengths, accepted: UInt64 = 0
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
        // Which shaped detectors accept a run sequence depends on the sequence alone,
        // and text repeats a few (phones, dates): cache it.
        let slot = Int(truncatingIfNeeded: (cluster.runSequence &* 0x9E37_79B9_7F4A_7C15) >> 56)
        let entry = shapeCache[slot]
        if entry.sequence == cluster.runSequence && entry.count == cluster.runCount {
            return eligible & (~shaped | entry.accepted)
        }
        var acceptedShapes: UInt64 = 0
        var candidates = shaped
        while candidates != 0 {
            let index = candidates.trailingZeroBitCount
            candidates &= candidates - 1
            let shapes = engine.digitDetectors[engine.digitDetectorSlot[index]].shapes
            if shapes.contains(where: { cluster.contains(packedShape: engine.packedShapes[$0].shape, count: engine.packedShapes[$0].count) }) {
                acceptedShapes |= UInt64(1) << UInt64(index)
            }
        }
        shapeCache[slot] = ShapeCacheEntry(sequence: cluster.runSequence, count: cluster.runCount, accepted: acceptedShapes)
        return eligible & (~shaped | acceptedShapes)
    }

    /// Runs each literal-triggered detector around every occurrence of its literals that
    /// starts in the report range (found by the pass `scan` made first).
    private func scanTriggerLiterals(
        in buffer: UnsafeRawBufferPointer, reportRange: Range<Int>,
        into candidates: inout [Candidate], events: inout [MatchLimitEvent]
    ) {
        let hits = keywordCache.pointee.hits
        for hit in hits where hit.triggerDetectors != 0 && reportRange.contains(hit.range.lowerBound) {
            var remaining = hit.triggerDetectors
            let start = hit.range.lowerBound
            while remaining != 0 {
                let index = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                unowned(unsafe) let detector = engine.detectors[index]
                let window = Self.backUp(characters: detector.literalLookbehind, from: start, in: buffer)
                    ..< min(buffer.count, start + detector.literalWindow)
                run(detector: index, window: window, anchor: .contains(start), in: buffer,
                    reportRange: reportRange, into: &candidates, events: &events)
            }
        }
    }

    /// Runs the `column_regex` of the detectors in `detectors` over every cell of the
    /// columns whose header names them, in the rows that start in the report range (a
    /// row begun in an earlier chunk is that chunk's; the header row is skipped).
    private func scanColumns(
        _ detectors: UInt64, of table: TableHeader, in buffer: UnsafeRawBufferPointer, reportRange: Range<Int>,
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
                    var named = table.columnDetectors[column] & detectors
                    while named != 0 {
                        let index = named.trailingZeroBitCount
                        named &= named - 1
                        run(detector: index, window: cell, anchor: .startsBefore(cell.upperBound), in: buffer,
                            reportRange: reportRange, into: &candidates, events: &events, column: true)
                    }
                }
            }
            isHeader = false
            lineStart = lineEnd + 1
        }
    }

    /// Runs one detector's regex (or its `column_regex`) over a window, validating
    /// each match.
    private func run(
        detector index: Int, window: Range<Int>, anchor: Anchor, in buffer: UnsafeRawBufferPointer,
        reportRange: Range<Int>, into candidates: inout [Candidate], events: inout [MatchLimitEvent],
        column: Bool = false
    ) {
        _ = withDetector(index, column: column) { detector, regex in
            let valueGroup = column ? detector.columnValueGroup : detector.valueGroup
            var start = window.lowerBound
            while start < window.upperBound {
                let whole: Range<Int>
                do throws(MatchError) {
                    guard let found = try regex.firstMatch(in: buffer, from: start, to: window.upperBound, scratch: scratch)
                    else { break }
                    whole = found
                } catch {
                    events.append(MatchLimitEvent(detectorID: detector.id, byteOffset: start, message: error.description))
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
                guard reportRange.contains(whole.lowerBound) else { continue }
                let valueRange = valueGroup.flatMap { scratch.range(ofGroup: $0) } ?? whole
                if var candidate = validate(detector: index, whole: whole, value: valueRange, in: buffer) {
                    // Group numbers below are the main regex's.
                    candidate.isWeak = !column && detector.weakGroup.flatMap { scratch.range(ofGroup: $0) } != nil
                    if let evidence = detector.definition.evidence?.validator {
                        let checked: Range<Int>? = column ? valueRange : detector.evidenceGroup.map { scratch.range(ofGroup: $0) } ?? valueRange
                        candidate.hasEvidence = checked.map { passes(evidence, buffer, $0) } ?? false
                    }
                    candidates.append(candidate)
                }
            }
        }
    }

    /// Drops a generic detector's match where a specific detector matched overlapping
    /// text (a credential assignment holding an AWS key is reported as the AWS key).
    private func yieldGenericMatches(_ candidates: inout [Candidate]) {
        let detectors = engine.detectors
        guard candidates.contains(where: { detectors[$0.detector].definition.isGeneric }) else { return }
        let specific = candidates.filter { !detectors[$0.detector].definition.isGeneric }
        guard !specific.isEmpty else { return }
        candidates.removeAll { candidate in
            detectors[candidate.detector].definition.isGeneric
                && specific.contains { $0.range.overlaps(candidate.range) }
        }
    }

    /// The farthest any gated detector looks around a cluster for its keywords (bytes;
    /// each detector's own reach is in the keyword cache), and the longest keyword:
    /// read once, as the hot path must not copy definitions.
    private let widestGateReach: Int
    private let longestKeyword: Int

    /// The detectors among `detectors` (gated ones) with a keyword within their keyword
    /// distance of `range`, counted in bytes (4 per character at most), so a gate never
    /// closes on a match that would have been reported.
    private func openGates(_ detectors: UInt64, near range: Range<Int>, in buffer: UnsafeRawBufferPointer) -> UInt64 {
        let widest = widestGateReach
        let window = max(0, range.lowerBound - widest)..<min(buffer.count, range.upperBound + widest)
        // Checked here, not only in `cover`, so the common case touches no reference.
        if !keywordCache.pointee.covers(window) { keywordCache.pointee.cover(window, with: engine.literals, in: buffer) }
        return keywordCache.pointee.openGates(detectors, near: range, widest: widest, longest: longestKeyword)
    }

    /// Drops repeats of the same detector at the same place (a token holding its
    /// trigger literal twice is found twice). `candidates` is sorted by position.
    static func removeDuplicates(_ candidates: inout [Candidate]) {
        // Sorted by start, then detector: a repeat sits right after its first.
        var previous: (start: Int, detector: Int) = (-1, -1)
        candidates.removeAll { candidate in
            let key = (candidate.range.lowerBound, candidate.detector)
            defer { previous = key }
            return key == previous
        }
    }

    /// Sets each candidate's line (the newlines between the range's start and it) and
    /// returns the newlines in the whole range, counting forward from one candidate to
    /// the next (they are sorted by start), so every byte is counted once.
    static func resolveLines(_ candidates: inout [Candidate], in buffer: UnsafeRawBufferPointer, range: Range<Int>) -> Int {
        var position = range.lowerBound
        var line = 0
        for index in candidates.indices {
            let offset = max(position, candidates[index].range.lowerBound)
            line += countNewlines(buffer, in: position..<offset)
            candidates[index].lineOffset = line
            position = offset
        }
        return line + countNewlines(buffer, in: position..<max(position, range.upperBound))
    }

    /// Folds `buffer[value]` as the detector's `normalize` says into `output`; returns
    /// the length, or nil when nothing is left or it does not fit.
    private static func normalize(
        _ detector: CompiledDetector, _ buffer: UnsafeRawBufferPointer, _ value: Range<Int>,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Int? {
        let slice = UnsafeRawBufferPointer(rebasing: buffer[value])
        switch detector.definition.normalization {
        case .alphanumeric:
            guard let folded = ValueNormalizer.normalize(slice, into: output), folded > 0 else { return nil }
            return folded
        case .none:
            guard slice.count <= output.count, !slice.isEmpty else { return nil }
            for offset in 0..<slice.count { output[offset] = slice[offset] }
            return slice.count
        }
    }

    /// Normalises and validates a match.
    private func validate(
        detector index: Int, whole: Range<Int>, value: Range<Int>, in buffer: UnsafeRawBufferPointer
    ) -> Candidate? {
        withDetector(index) { detector in
            guard let count = Self.normalize(detector, buffer, value, into: normalized) else { return nil }
            let normalizedValue = UnsafeBufferPointer(rebasing: normalized[0..<count])
            if let validator = detector.definition.validator, !validator.isValid(normalizedValue) { return nil }
            let known = !detector.definition.knownExamples.isEmpty
                && detector.definition.knownExamples.contains(String(decoding: normalizedValue, as: UTF8.self))
            return Candidate(detector: index, range: whole, value: value, lineOffset: -1, isKnownExample: known)
        }
    }

    /// The masked form and fingerprint of a reported candidate's normalised value.
    private func present(_ candidate: Candidate, in buffer: UnsafeRawBufferPointer) -> (masked: String, fingerprint: Fingerprint) {
        withDetector(candidate.detector) { detector in
            // It normalised when it was validated, from the same bytes.
            let count = Self.normalize(detector, buffer, candidate.value, into: normalized) ?? 0
            let normalizedValue = UnsafeBufferPointer(rebasing: normalized[0..<count])
            return (Masking.mask(normalizedValue),
                    options.fingerprinter.fingerprint(detector: detector.id, normalizedValue: normalizedValue, key: fingerprintKey))
        }
    }

    /// Whether `validator` accepts the normalised text of `buffer[range]`; uses its own
    /// scratch so the candidate's normalised value is left alone.
    private func passes(_ validator: Validator, _ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard let count = ValueNormalizer.normalize(UnsafeRawBufferPointer(rebasing: buffer[range]), into: evidenceScratch),
            count > 0
        else { return false }
        return validator.isValid(UnsafeBufferPointer(rebasing: evidenceScratch[0..<count]))
    }

    /// Confidence from keyword proximity, or nil when the detector does not report
    /// this case.
    private func score(
        _ candidate: Candidate, in buffer: UnsafeRawBufferPointer, table: TableHeader?, bufferIsFileStart: Bool
    ) -> Confidence? {
        withDetector(candidate.detector) { detector in
            score(candidate, of: detector, in: buffer, table: table, bufferIsFileStart: bufferIsFileStart)
        }
    }

    /// Reads the definition's fields in place through the unretained detector: only the
    /// field read is loaded, never a copy of the whole definition.
    private func score(
        _ candidate: Candidate, of detector: CompiledDetector, in buffer: UnsafeRawBufferPointer, table: TableHeader?,
        bufferIsFileStart: Bool
    ) -> Confidence? {
        let withKeyword = candidate.isWeak ? detector.definition.weakConfidenceWithKeyword : detector.definition.confidenceWithKeyword
        let withoutKeyword = candidate.isWeak ? detector.definition.weakConfidenceWithoutKeyword : detector.definition.confidenceWithoutKeyword
        var level: Confidence?
        if let withKeyword, detector.keywordsMatter {
            let bit = UInt64(1) << UInt64(candidate.detector)
            if hasKeyword(near: candidate.range, detector: candidate.detector, distance: detector.definition.keywordDistance, in: buffer)
                || table.map({ $0.detectors(at: candidate.range.lowerBound, in: buffer, bufferIsFileStart: bufferIsFileStart) & bit != 0 }) == true
            {
                level = withKeyword
            } else {
                level = withoutKeyword
            }
        } else {
            level = withoutKeyword ?? withKeyword
        }
        if candidate.hasEvidence { level = level?.raised }
        // A documented example value is still shown, but never above low.
        if candidate.isKnownExample, level != nil { return .low }
        return level
    }

    /// Whether a keyword of `detector` lies within `distance` characters of `range`.
    ///
    /// Keywords are searched lazily, once, over the union of the neighbourhoods of the
    /// candidates (which arrive in order), so a file is passed over at most once for
    /// keywords whatever the number of detectors.
    private func hasKeyword(near range: Range<Int>, detector: Int, distance: Int, in buffer: UnsafeRawBufferPointer) -> Bool {
        let reach = engine.keywordReach
        let window = max(0, range.lowerBound - reach)..<min(buffer.count, range.upperBound + reach)
        keywordCache.pointee.cover(window, with: engine.literals, in: buffer)
        let bit = UInt64(1) << UInt64(detector)
        let hits = keywordCache.pointee.hits
        var index = keywordCache.pointee.firstHit(startingAtOrAfter: window.lowerBound - engine.longestKeyword)
        while index < hits.count, hits[index].range.lowerBound < window.upperBound {
            let hit = hits[index]
            index += 1
            guard hit.keywordDetectors & bit != 0 else { continue }
            let gap: Range<Int>
            if hit.range.upperBound <= range.lowerBound {
                gap = hit.range.upperBound..<range.lowerBound
            } else if hit.range.lowerBound >= range.upperBound {
                gap = range.upperBound..<hit.range.lowerBound
            } else {
                return true  // overlaps or touches the match
            }
            if gap.count <= distance || Self.characterCount(buffer, in: gap) <= distance { return true }
        }
        return false
    }

    /// Number of UTF-8 characters (non-continuation bytes) in `buffer[range]`.
    static func characterCount(_ buffer: UnsafeRawBufferPointer, in range: Range<Int>) -> Int {
        var count = 0
        for index in range where buffer[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    static func charactersAfterLastNewline(_ buffer: UnsafeRawBufferPointer, in range: Range<Int>) -> Int {
        var start = range.upperBound
        while start > range.lowerBound && buffer[start - 1] != 0x0A { start -= 1 }
        return characterCount(buffer, in: start..<range.upperBound)
    }

    /// Steps back over up to `characters` UTF-8 characters from `offset`.
    static func backUp(characters: Int, from offset: Int, in buffer: UnsafeRawBufferPointer) -> Int {
        var position = offset
        for _ in 0..<characters {
            guard position > 0 else { break }
            position -= 1
            var steps = 0
            while position > 0 && buffer[position] & 0xC0 == 0x80 && steps < 3 {
                position -= 1
                steps += 1
            }
        }
        return position
    }
}

/// Turns byte offsets into 1-based character columns for offsets visited in order,
/// without rescanning a line for every finding on it.
struct ColumnCursor {
    let rangeStart: Int
    private var line = -1
    private var lineStart = 0
    private var countedTo = 0
    private var charactersCounted = 0
    private var lineStartIsRangeStart = true

    init(rangeStart: Int) { self.rangeStart = rangeStart }

    mutating func column(of offset: Int, line newLine: Int, in buffer: UnsafeRawBufferPointer) -> (Int, Bool) {
        if newLine != line || offset < countedTo {
            var start = offset
            while start > rangeStart && buffer[start - 1] != 0x0A { start -= 1 }
            line = newLine
            lineStart = start
            lineStartIsRangeStart = start == rangeStart && (start == 0 || buffer[start - 1] != 0x0A)
            countedTo = start
            charactersCounted = 0
        }
        charactersCounted += EngineWorker.characterCount(buffer, in: countedTo..<offset)
        countedTo = offset
        return (charactersCounted + 1, lineStartIsRangeStart)
    }
}
