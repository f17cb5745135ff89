/// Which shaped digit detectors accept a cluster's run sequence (`4-4-4`, `3-4-4`, …):
/// it depends on the sequence alone, and text repeats a few (phones, dates), so the
/// answers are kept in 256 entries, direct-mapped by the sequence's hash.
///
/// The entries are the owning session's memory, so the per-cluster closure neither
/// retains an array nor pays for exclusivity checks.
struct ShapeCache {
    struct Entry {
        var sequence: UInt64
        var count: Int
        var accepted: DetectorMask
    }

    private let entries: UnsafeMutableBufferPointer<Entry>

    /// Allocates the entries; the owner calls ``deallocate()`` once, when no reader is left.
    init() {
        entries = .allocate(capacity: 256)
        // SAFETY: freshly allocated, initialised here in full; a count of -1 matches no
        // cluster.
        entries.initialize(repeating: Entry(sequence: 0, count: -1, accepted: 0))
    }

    func deallocate() { entries.deallocate() }

    /// The shaped detectors (bit mask) one of whose shapes `cluster`'s runs make; the
    /// cluster has at most eight runs.
    func acceptingDetectors(for cluster: DigitCluster, engine: DetectionEngine) -> DetectorMask {
        let slot = Int(truncatingIfNeeded: (cluster.runSequence &* 0x9E37_79B9_7F4A_7C15) >> 56)
        let entry = entries[slot]
        if entry.sequence == cluster.runSequence && entry.count == cluster.runCount { return entry.accepted }
        var accepted: DetectorMask = 0
        var candidates = engine.shapedDetectors
        while candidates != 0 {
            let index = candidates.trailingZeroBitCount
            candidates &= candidates - 1
            let shapes = engine.digitDetectors[engine.digitDetectorSlot[index]].shapes
            let matches = shapes.contains {
                cluster.contains(packedShape: engine.packedShapes[$0].shape, count: engine.packedShapes[$0].count)
            }
            if matches { accepted |= .detector(index) }
        }
        entries[slot] = Entry(sequence: cluster.runSequence, count: cluster.runCount, accepted: accepted)
        return accepted
    }
}
