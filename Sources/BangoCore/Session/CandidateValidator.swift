/// Confirms a regex match: refuses a digit detector's match that is part of a larger
/// token (``TokenContext``), folds its value as the detector says (full-width digits to
/// ASCII, separators dropped) and runs the detector's validator and evidence check.
///
/// Values are folded into buffers the owning session allocated once, so validation
/// allocates nothing: it runs once per match, and a careless validator is what makes
/// validating scanners slow.
struct CandidateValidator {
    let detectors: DetectorTable
    /// Where a value is normalised (the longest one a detector may fold is 8 KiB).
    let normalized: UnsafeMutableBufferPointer<UInt8>
    /// Where an evidence check normalises its own text, leaving the value alone.
    let evidenceScratch: UnsafeMutableBufferPointer<UInt8>

    /// A candidate for `whole` when its value passes the detector's validator.
    /// `searched`: the text the regex matched in and the match's range there, when it
    /// was full-width text folded to ASCII (see ``WidthFolder``): the token around a
    /// match is judged on that text, as the ASCII form would be.
    func validate(
        detector index: Int, whole: Range<Int>, value: Range<Int>, in buffer: UnsafeRawBufferPointer,
        searched: (text: UnsafeRawBufferPointer, whole: Range<Int>)? = nil
    ) -> Candidate? {
        detectors.withDetector(index) { detector in
            if case .digits = detector.definition.trigger,
                TokenContext.rejects(searched?.whole ?? whole, in: searched?.text ?? buffer)
            {
                return nil
            }
            guard let count = Self.normalize(detector, buffer, value, into: normalized) else { return nil }
            // A stamp is one unbroken run of digits (ASCII, or all full-width); the
            // normalised value, digits only, says whether it reads as a date and time.
            if detector.definition.rejectsTimestamps, value.count == count || value.count == 3 * count,
                // SAFETY: `count` ≤ normalized.count (see below); the view lives for the call.
                TimestampShape.matches(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: normalized[0..<count])))
            {
                return nil
            }
            // SAFETY: `count` comes from normalize, which never writes or reports more than normalized.count bytes, so
            // the rebased view lies inside the session's buffer.
            let normalizedValue = UnsafeBufferPointer(rebasing: normalized[0..<count])
            // Compared as bytes: a String per match would be built for every candidate of
            // a detector with known examples.
            let known = detector.definition.knownExamples.contains { $0.utf8.elementsEqual(normalizedValue) }
            // A documented example stays recognised (at low) even where its checksum is
            // made up, as GitHub's own documentation token's is.
            if !known, let validator = detector.definition.validator, !validator.isValid(normalizedValue) { return nil }
            var candidate = Candidate(
                detector: index, range: whole, value: value, lineOffset: -1, isKnownExample: known)
            // SAFETY: as above, the first `count` bytes of the session's buffer.
            candidate.isStampShaped =
                detector.definition.rejectsTimestamps && (value.count == count || value.count == 3 * count)
                && TimestampShape.isEpochMilliseconds(UnsafeRawBufferPointer(normalizedValue))
            return candidate
        }
    }

    /// Whether `validator` accepts the normalised text of `buffer[range]`.
    func passes(_ validator: Validator, _ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard
            let count = ValueNormalizer.normalize(
                // SAFETY: `range` is a match range inside `buffer`, and the evidence scratch is written up to its own
                // count only; the rebased views live for the call.
                UnsafeRawBufferPointer(rebasing: buffer[range]), into: evidenceScratch),
            count > 0
        else { return false }
        return validator.isValid(UnsafeBufferPointer(rebasing: evidenceScratch[0..<count]))
    }

    /// Folds `buffer[value]` as the detector's `normalize` says into `output`; returns
    /// the length, or nil when nothing is left or it does not fit.
    static func normalize(
        _ detector: CompiledDetector, _ buffer: UnsafeRawBufferPointer, _ value: Range<Int>,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Int? {
        // SAFETY: `value` is a match range inside `buffer`; the copy below checks slice.count <= output.count before
        // writing.
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
}
