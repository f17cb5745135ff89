/// Makes what a report may show of a scored candidate: the masked value (at most its
/// last four characters), the keyed fingerprint, and the raw text only when the user
/// asked to reveal values.
struct Redactor {
    let detectors: DetectorTable
    let options: DetectionOptions
    let fingerprintKey: Fingerprinter.Key
    /// The validator's normalisation buffer: the candidate's value is folded again here
    /// from the same bytes, so nothing is kept per candidate between the two steps.
    let normalized: UnsafeMutableBufferPointer<UInt8>

    /// The masked form and fingerprint of `candidate`'s normalised value.
    func present(_ candidate: Candidate, in buffer: UnsafeRawBufferPointer) -> (
        masked: String, fingerprint: Fingerprint
    ) {
        detectors.withDetector(candidate.detector) { detector in
            let count = CandidateValidator.normalize(detector, buffer, candidate.value, into: normalized) ?? 0
            // SAFETY: `count` is at most normalized.count (normalize reports nil, here 0, when a value does not fit),
            // so the view lies inside the session's buffer.
            let normalizedValue = UnsafeBufferPointer(rebasing: normalized[0..<count])
            return (
                Masking.mask(normalizedValue),
                options.fingerprinter.fingerprint(
                    detector: detector.id, normalizedValue: normalizedValue, key: fingerprintKey)
            )
        }
    }

    /// The raw matched text, only when values are revealed.
    func revealedValue(of candidate: Candidate, in buffer: UnsafeRawBufferPointer) -> String? {
        guard options.reveal else { return nil }
        // SAFETY: a candidate's range lies inside the buffer it was found in; the bytes are copied into the String
        // before the view ends.
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[candidate.range]), as: UTF8.self)
    }
}
