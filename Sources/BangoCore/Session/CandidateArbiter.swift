/// Settles candidates that claim the same text: a repeat of one detector at one place is
/// dropped, a generic detector gives way to a specific one, and a detector gives way to
/// one that supersedes it.
enum CandidateArbiter {
    /// Sorts `candidates` by position (then detector) and drops the ones that lose.
    static func settle(_ candidates: inout [Candidate], engine: DetectionEngine) {
        candidates.sort { ($0.range.lowerBound, $0.detector) < ($1.range.lowerBound, $1.detector) }
        removeDuplicates(&candidates, detectorCount: engine.detectors.count)
        yieldGenericMatches(&candidates, detectors: engine.detectors)
        if engine.hasGenericDetectors { candidates.removeAll(where: \.isRefuted) }
        yieldSupersededMatches(&candidates, superseded: engine.supersededDetectors)
    }

    /// Drops a match overlapping the match of a detector that supersedes its detector
    /// (a GCP service-account file is one finding, not that and its private key).
    static func yieldSupersededMatches(_ candidates: inout [Candidate], superseded: [DetectorMask]) {
        guard candidates.count > 1 else { return }
        let superseding = candidates.filter { superseded[$0.detector] != 0 }
        guard !superseding.isEmpty else { return }
        candidates.removeAll { candidate in
            superseding.contains {
                superseded[$0.detector].contains(detector: candidate.detector) && $0.range.overlaps(candidate.range)
            }
        }
    }

    /// Drops repeats of the same detector at the same place: a token holding its
    /// trigger literal twice is found twice, and two literals of one detector
    /// (`aws_secret_access_key` holds `secret_access_key`) find one value from two
    /// starts. `candidates` is sorted by position.
    static func removeDuplicates(_ candidates: inout [Candidate], detectorCount: Int) {
        guard candidates.count > 1 else { return }
        // Sorted by start, then detector: a repeat at one start sits right after its
        // first; a repeat of a value from another start is the detector's last value.
        var previous: (start: Int, detector: Int) = (-1, -1)
        var lastValueStart = [Int](repeating: -1, count: detectorCount)
        candidates.removeAll { candidate in
            let key = (candidate.range.lowerBound, candidate.detector)
            defer { previous = key }
            if key == previous || lastValueStart[candidate.detector] == candidate.value.lowerBound { return true }
            lastValueStart[candidate.detector] = candidate.value.lowerBound
            return false
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
