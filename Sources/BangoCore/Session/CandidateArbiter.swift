/// Settles candidates that claim the same text: a repeat of one detector at one place is
/// dropped, and a generic detector gives way to a specific one.
enum CandidateArbiter {
    /// Sorts `candidates` by position (then detector) and drops the ones that lose.
    static func settle(_ candidates: inout [Candidate], detectors: [CompiledDetector]) {
        candidates.sort { ($0.range.lowerBound, $0.detector) < ($1.range.lowerBound, $1.detector) }
        removeDuplicates(&candidates)
        yieldGenericMatches(&candidates, detectors: detectors)
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

    /// Drops a generic detector's match where a specific detector matched overlapping
    /// text (a credential assignment holding an AWS key is reported as the AWS key).
    static func yieldGenericMatches(_ candidates: inout [Candidate], detectors: [CompiledDetector]) {
        guard candidates.contains(where: { detectors[$0.detector].definition.isGeneric }) else { return }
        let specific = candidates.filter { !detectors[$0.detector].definition.isGeneric }
        guard !specific.isEmpty else { return }
        candidates.removeAll { candidate in
            detectors[candidate.detector].definition.isGeneric
                && specific.contains { $0.range.overlaps(candidate.range) }
        }
    }
}
