/// Assigns a candidate its confidence from corroborating evidence: a keyword within the
/// detector's distance, a table header naming its column, its evidence check; a
/// documented example value never rises above low.
struct ConfidenceScorer {
    let detectors: DetectorTable
    let keywords: KeywordProximity
    /// How near (in characters) before it a stamp-shaped value's label must be.
    static let stampKeywordDistance = 40

    /// The confidence, or nil when the detector does not report this case.
    func score(
        _ candidate: Candidate, in buffer: UnsafeRawBufferPointer, table: TableHeader?, bufferIsFileStart: Bool
    ) -> Confidence? {
        detectors.withDetector(candidate.detector) { detector in
            score(candidate, of: detector, in: buffer, table: table, bufferIsFileStart: bufferIsFileStart)
        }
    }

    /// Reads the definition's fields in place through the unretained detector: only the
    /// field read is loaded, never a copy of the whole definition.
    private func score(
        _ candidate: Candidate, of detector: CompiledDetector, in buffer: UnsafeRawBufferPointer, table: TableHeader?,
        bufferIsFileStart: Bool
    ) -> Confidence? {
        let withKeyword =
            candidate.isWeak ? detector.definition.weakConfidenceWithKeyword : detector.definition.confidenceWithKeyword
        let withoutKeyword =
            candidate.isWeak
            ? detector.definition.weakConfidenceWithoutKeyword : detector.definition.confidenceWithoutKeyword
        var level: Confidence?
        if let withKeyword, detector.keywordsMatter {
            let bit = DetectorMask.detector(candidate.detector)
            // The header is consulted only when no keyword is near: it walks back the line.
            let corroborated =
                keywords.hasKeyword(
                    near: candidate.range, detector: candidate.detector,
                    // A stamp-shaped value needs its own label: a keyword just before it on
                    // its line, not one of the record above or below a log line.
                    distance: candidate.isStampShaped
                        ? min(detector.definition.keywordDistance, Self.stampKeywordDistance)
                        : detector.definition.keywordDistance, in: buffer, labelOnly: candidate.isStampShaped)
                || table.map {
                    $0.detectors(at: candidate.range.lowerBound, in: buffer, bufferIsFileStart: bufferIsFileStart)
                        & bit != 0
                } == true
            // A run that reads as an epoch-milliseconds stamp is worth a look only when
            // its keyword says it is an identifier: else it stays at low.
            level =
                corroborated
                ? withKeyword : candidate.isStampShaped ? withoutKeyword.map { min($0, .low) } : withoutKeyword
        } else {
            level = withoutKeyword ?? withKeyword
        }
        if candidate.hasEvidence { level = level?.raised }
        // A documented example value is still shown, but never above low.
        if candidate.isKnownExample, level != nil { return .low }
        return level
    }
}
