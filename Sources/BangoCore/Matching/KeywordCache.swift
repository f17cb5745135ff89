/// The keyword and literal occurrences found so far in one buffer, and the range of
/// start positions already searched, so no byte is searched twice however many
/// clusters, candidates and detectors ask about its neighbourhood.
///
/// Hits are kept ordered by start; a search covers start positions, so extending the
/// covered range never finds an occurrence twice.
struct KeywordCache {
    private(set) var hits: [LiteralScanner.Hit] = []
    /// The hits that are some detector's keyword, in the same order: the gates read
    /// these alone, as a log with a URL or token prefix on every line holds many trigger
    /// literals that are nobody's keyword, and every digit cluster would walk past them.
    private var keywordHits: [LiteralScanner.Hit] = []
    /// Per detector, how far around a cluster its gate looks for keywords (bytes).
    private let reach: [Int]
    private var covered = 0..<0
    /// Where the last ``openGates`` query started in `keywordHits`: queries arrive in order,
    /// so the next one usually starts at or after it. -1: hits changed, search afresh.
    private var cursor = -1
    /// A request further than this past the covered range starts afresh instead of
    /// searching the gap (which nothing asked about).
    static let largestGapSearched = 4096
    /// The scanner's per-thread working memory, made on first use (a cache belongs to
    /// one worker, and a worker to one engine and one thread at a time).
    private var scratch: LiteralScanner.Scratch?

    init(reach: [Int] = []) { self.reach = reach }

    /// Whether every occurrence starting in `window` is already in ``hits``.
    func covers(_ window: Range<Int>) -> Bool {
        window.isEmpty || covered.lowerBound <= window.lowerBound && window.upperBound <= covered.upperBound
    }

    mutating func reset() {
        hits.removeAll(keepingCapacity: true)
        keywordHits.removeAll(keepingCapacity: true)
        covered = 0..<0
        cursor = -1
    }

    /// Makes sure every occurrence starting in `window` is in ``hits``.
    mutating func cover(_ window: Range<Int>, with scanner: LiteralScanner, in buffer: UnsafeRawBufferPointer) {
        guard !covers(window) else { return }
        if scratch == nil { scratch = scanner.makeScratch() }
        if covered.isEmpty || window.lowerBound > covered.upperBound + Self.largestGapSearched
            || window.upperBound < covered.lowerBound
        {
            hits.removeAll(keepingCapacity: true)
            scanner.scan(buffer, in: window, into: &hits, scratch: scratch)
            keywordHits.removeAll(keepingCapacity: true)
            keywordHits.append(contentsOf: hits.lazy.filter { $0.keywordDetectors != 0 })
            covered = window
            cursor = -1
            return
        }
        if window.lowerBound < covered.lowerBound {
            var front: [LiteralScanner.Hit] = []
            scanner.scan(buffer, in: window.lowerBound..<covered.lowerBound, into: &front, scratch: scratch)
            hits.insert(contentsOf: front, at: 0)
            keywordHits.insert(contentsOf: front.lazy.filter { $0.keywordDetectors != 0 }, at: 0)
            covered = window.lowerBound..<covered.upperBound
            cursor = -1
        }
        if window.upperBound > covered.upperBound {
            let known = hits.count
            scanner.scan(buffer, in: covered.upperBound..<window.upperBound, into: &hits, scratch: scratch)
            keywordHits.append(contentsOf: hits[known...].lazy.filter { $0.keywordDetectors != 0 })
            covered = covered.lowerBound..<window.upperBound
        }
    }

    /// The index of the first hit starting at or after `offset`.
    func firstHit(startingAtOrAfter offset: Int) -> Int { Self.first(in: hits, startingAtOrAfter: offset) }

    private static func first(in hits: [LiteralScanner.Hit], startingAtOrAfter offset: Int) -> Int {
        var low = 0
        var high = hits.count
        while low < high {
            let middle = (low + high) / 2
            if hits[middle].range.lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The detectors among `detectors` with a keyword overlapping `range` widened by
    /// their reach; hits are at most `longest` bytes long. The caller covers `range`
    /// widened by the largest reach, `widest`, first.
    mutating func openGates(_ detectors: DetectorMask, near range: Range<Int>, widest: Int, longest: Int)
        -> DetectorMask
    {
        let from = range.lowerBound - widest - longest
        if cursor < 0 || cursor > 0 && keywordHits[cursor - 1].range.lowerBound >= from {
            cursor = Self.first(in: keywordHits, startingAtOrAfter: from)
        }
        while cursor < keywordHits.count && keywordHits[cursor].range.lowerBound < from { cursor += 1 }
        var open: DetectorMask = 0
        var index = cursor
        // Keywords are sparse: this loop usually ends at once.
        while index < keywordHits.count, keywordHits[index].range.lowerBound < range.upperBound + widest {
            let hit = keywordHits[index]
            index += 1
            var candidates = hit.keywordDetectors & detectors & ~open
            while candidates != 0 {
                let detector = candidates.trailingZeroBitCount
                candidates &= candidates - 1
                if hit.range.upperBound > range.lowerBound - reach[detector],
                    hit.range.lowerBound < range.upperBound + reach[detector]
                {
                    open |= .detector(detector)
                }
            }
        }
        return open
    }
}
