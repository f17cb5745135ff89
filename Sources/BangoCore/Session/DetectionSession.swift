import PCRE2

/// One thread's detector: the shared engine plus this thread's scratch space, composing
/// the stages a buffer goes through: candidate finding (``CandidateFinder``, which calls
/// the ``CandidateValidator``), settling overlaps (``CandidateArbiter``), positions
/// (``PositionResolver``), scoring (``ConfidenceScorer``) and redaction (``Redactor``).
///
/// Not thread-safe: make one per worker thread and reuse it for every buffer.
public final class DetectionSession {
    public let engine: DetectionEngine
    let options: DetectionOptions
    private let scratch: MatchScratch
    // The session's own memory, lent to its stages by pointer. SAFETY: allocated here,
    // freed in deinit; a session is used by one thread at a time, so no stage runs while
    // another thread touches them.
    private let detectors: DetectorTable
    private let keywordCache = UnsafeMutablePointer<KeywordCache>.allocate(capacity: 1)
    private let normalized = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 8192)
    private let evidenceScratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)
    private let shapes = ShapeCache()
    private let folder = WidthFolder()
    // The stages.
    private let keywords: KeywordProximity
    private let finder: CandidateFinder
    private let scorer: ConfidenceScorer
    private let redactor: Redactor

    public init(engine: DetectionEngine, options: DetectionOptions, limits: MatchScratch.Limits = .init()) {
        self.engine = engine
        self.options = options
        // SAFETY: every reader reads only the prefix a normaliser has just written;
        // zeroed for tidiness.
        normalized.initialize(repeating: 0)
        evidenceScratch.initialize(repeating: 0)
        scratch = MatchScratch(limits: limits)
        detectors = DetectorTable(engine: engine)
        keywords = KeywordProximity(engine: engine, cache: keywordCache)
        let validator = CandidateValidator(
            detectors: detectors, normalized: normalized, evidenceScratch: evidenceScratch)
        finder = CandidateFinder(
            engine: engine, detectors: detectors, keywords: keywords, validator: validator, scratch: scratch,
            shapes: shapes, folder: folder)
        scorer = ConfidenceScorer(detectors: detectors, keywords: keywords)
        redactor = Redactor(
            detectors: detectors, options: options, fingerprintKey: Fingerprinter.Key(options.fingerprinter),
            normalized: normalized)
    }

    deinit {
        shapes.deallocate()
        folder.deallocate()
        detectors.deallocate()
        normalized.deallocate()
        evidenceScratch.deallocate()
        keywordCache.deinitialize(count: 1)
        keywordCache.deallocate()
    }

    /// The table header of a CSV/TSV file, if its columns name any detector.
    public func tableHeader(fileName: [UInt8], head: UnsafeRawBufferPointer) -> TableHeader? {
        guard let delimiter = TableHeader.delimiter(forFileName: fileName, head: head) else { return nil }
        return TableHeader(head: head, delimiter: delimiter, keywords: engine.literals)
    }

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
        keywords.prepare(buffer, reportRange: reportRange)
        var candidates = finder.find(
            in: buffer, reportRange: reportRange, table: table, bufferIsFileStart: bufferIsFileStart,
            events: &outcome.limitEvents)
        outcome.charactersAfterLastNewline = PositionResolver.charactersAfterLastNewline(buffer, in: reportRange)
        CandidateArbiter.settle(&candidates, engine: engine)
        outcome.newlines = PositionResolver.resolveLines(&candidates, in: buffer, range: reportRange)
        var cursor = ColumnCursor(rangeStart: reportRange.lowerBound)
        var allowMarks = AllowMarks()
        for candidate in candidates {
            guard
                let confidence = scorer.score(candidate, in: buffer, table: table, bufferIsFileStart: bufferIsFileStart)
            else { continue }
            let (column, fromRangeStart) = cursor.column(
                of: candidate.range.lowerBound, line: candidate.lineOffset, in: buffer)
            let (masked, fingerprint) = redactor.present(candidate, in: buffer)
            let detectorID = engine.detectors[candidate.detector].id
            outcome.detections.append(
                Detection(
                    detectorID: detectorID,
                    byteRange: candidate.range,
                    lineOffset: candidate.lineOffset,
                    column: column,
                    columnIsFromRangeStart: fromRangeStart,
                    confidence: confidence,
                    masked: masked,
                    fingerprint: fingerprint,
                    revealedValue: redactor.revealedValue(of: candidate, in: buffer),
                    allowMarked: allowMarks.allows(
                        detectorID, line: candidate.lineOffset, at: candidate.range, cursor: cursor, in: buffer)))
        }
        return outcome
    }
}
