/// Answers "is one of this detector's keywords close enough?" for the candidates of one
/// buffer, from one keyword and literal pass.
///
/// When the scan has trigger literals they must be looked for everywhere, so the pass
/// covers the report range (and the keyword reach around it) up front; otherwise it runs
/// lazily, once, over the union of the neighbourhoods of the clusters and candidates
/// asked about (which arrive in order). Either way no byte is searched twice.
struct KeywordProximity {
    unowned(unsafe) let engine: DetectionEngine
    /// The hits of the buffer being scanned, in the owning session's memory: as a stored
    /// `var` of a class, every gate question (one per cluster) paid an exclusivity check.
    let cache: UnsafeMutablePointer<KeywordCache>
    /// The farthest any gated detector looks around a cluster for its keywords (bytes;
    /// each detector's own reach is in the cache), and the longest keyword: read once,
    /// as the hot path must not copy definitions.
    let widestGateReach: Int
    let longestKeyword: Int

    init(engine: DetectionEngine, cache: UnsafeMutablePointer<KeywordCache>) {
        self.engine = engine
        self.cache = cache
        let reach = engine.detectors.map { $0.definition.keywordDistance * 4 }
        // SAFETY: `cache` is allocated, uninitialised, by the owning session, which
        // deinitialises and frees it in its deinit.
        cache.initialize(to: KeywordCache(reach: reach))
        longestKeyword = engine.longestKeyword
        widestGateReach =
            reach.indices
            .filter { engine.gatedDetectors.contains(detector: $0) }.map { reach[$0] }.max() ?? 0
    }

    /// Forgets the previous buffer; with trigger literals, searches `reportRange` and the
    /// keyword reach around it now, so trigger hits are known before matching.
    func prepare(_ buffer: UnsafeRawBufferPointer, reportRange: Range<Int>) {
        cache.pointee.reset()
        guard engine.literals.hasTriggers else { return }
        let reach = engine.keywordReach
        cache.pointee.cover(
            max(0, reportRange.lowerBound - reach)..<min(buffer.count, reportRange.upperBound + reach),
            with: engine.literals, in: buffer)
    }

    /// Every keyword and trigger literal found so far, ordered by start.
    var hits: [LiteralScanner.Hit] { cache.pointee.hits }

    /// The detectors among `detectors` (gated ones) with a keyword within their keyword
    /// distance of `range`, counted in bytes (4 per character at most), so a gate never
    /// closes on a match that would have been reported.
    func openGates(_ detectors: DetectorMask, near range: Range<Int>, in buffer: UnsafeRawBufferPointer)
        -> DetectorMask
    {
        let widest = widestGateReach
        let window = max(0, range.lowerBound - widest)..<min(buffer.count, range.upperBound + widest)
        // Checked here, not only in `cover`, so the common case touches no reference.
        if !cache.pointee.covers(window) { cache.pointee.cover(window, with: engine.literals, in: buffer) }
        return cache.pointee.openGates(detectors, near: range, widest: widest, longest: longestKeyword)
    }

    /// Whether a keyword of `detector` lies within `distance` characters of `range`.
    /// `labelOnly`: only a keyword before `range` on its line counts (a value's own label).
    func hasKeyword(
        near range: Range<Int>, detector: Int, distance: Int, in buffer: UnsafeRawBufferPointer, labelOnly: Bool = false
    ) -> Bool {
        let reach = engine.keywordReach
        let window = max(0, range.lowerBound - reach)..<min(buffer.count, range.upperBound + reach)
        cache.pointee.cover(window, with: engine.literals, in: buffer)
        let bit = DetectorMask.detector(detector)
        let hits = cache.pointee.hits
        var index = cache.pointee.firstHit(startingAtOrAfter: window.lowerBound - engine.longestKeyword)
        while index < hits.count, hits[index].range.lowerBound < window.upperBound {
            let hit = hits[index]
            index += 1
            guard hit.keywordDetectors & bit != 0 else { continue }
            let gap: Range<Int>
            if hit.range.upperBound <= range.lowerBound {
                gap = hit.range.upperBound..<range.lowerBound
            } else if hit.range.lowerBound >= range.upperBound {
                if labelOnly { continue }
                gap = range.upperBound..<hit.range.lowerBound
            } else {
                return true  // overlaps or touches the match
            }
            if labelOnly, gap.contains(where: { buffer[$0] == 0x0A }) { continue }
            if gap.count <= distance || PositionResolver.characterCount(buffer, in: gap) <= distance { return true }
        }
        return false
    }
}
