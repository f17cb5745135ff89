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
    func present(_ candidate: Candidate, in buffer: UnsafeRawBufferPointer) -> (masked: String, fingerprint: Fingerprint) {
        detectors.withDetector(candidate.detector) { detector in
            let count = CandidateValidator.normalize(detector, buffer, candidate.value, into: normalized) ?? 0
            let normalizedValue = UnsafeBufferPointer(rebasing: normalized[0..<count])
            return (
                Masking.mask(normalizedValue),
                options.fingerprinter.fingerprint(detector: detector.id, normalizedValue: normalizedValue, key: fingerprintKey)
            )
        }
    }

    /// The raw matched text, only when values are revealed.
    func revealedValue(of candidate: Candidate, in buffer: UnsafeRawBufferPointer) -> String? {
        guard options.reveal else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[candidate.range]), as: UTF8.self)
    }
}
