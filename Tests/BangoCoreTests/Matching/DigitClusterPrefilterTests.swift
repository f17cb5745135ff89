import BangoTestSupport
import Testing

@testable import BangoCore

/// The prefilter's block and eight-byte fast paths against a plain byte-by-byte walk,
/// on seeded random text dense in what they must tell apart: ASCII and full-width
/// digits, every separator, other characters led by 0xEF, newlines and Japanese.
@Suite struct DigitClusterPrefilterTests {
    struct Cluster: Equatable {
        var range: Range<Int>, digits: Int, runs: UInt64, sequence: UInt64, count: Int
    }

    /// One character at a time with the prefilter's own character tests.
    static func reference(_ buffer: UnsafeRawBufferPointer, range: Range<Int>, minimum: Int) -> [Cluster] {
        let bytes = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let limit = buffer.count
        func walk(from start: Int) -> Cluster {
            var position = start
            var digits = 0
            var end = start
            var run = 0
            var runs: UInt64 = 0
            var sequence: UInt64 = 0
            var count = 0
            func closeRun() {
                runs |= UInt64(1) << UInt64(min(run, 63))
                if count < 8 { sequence |= UInt64(min(run, 255)) << UInt64(8 * count) }
                count += 1
                run = 0
            }
            while position < limit {
                let width = DigitClusterPrefilter.digitWidth(bytes, at: position, limit: limit)
                if width > 0 {
                    (digits, run, position, end) = (digits + 1, run + 1, position + width, position + width)
                    continue
                }
                let separator = DigitClusterPrefilter.separatorWidth(bytes, at: position, limit: limit)
                guard separator > 0, position + separator < limit,
                    DigitClusterPrefilter.digitWidth(bytes, at: position + separator, limit: limit) > 0
                else { break }
                closeRun()
                position += separator
            }
            closeRun()
            return Cluster(range: start..<end, digits: digits, runs: runs, sequence: sequence, count: count)
        }
        var clusters: [Cluster] = []
        var position = range.lowerBound
        if position > 0, let start = DigitClusterPrefilter.clusterStart(bytes, containing: position, limit: limit) {
            let cluster = walk(from: start)
            if cluster.range.upperBound > position, cluster.digits >= minimum { clusters.append(cluster) }
            position = max(position, cluster.range.upperBound)
        }
        while position < range.upperBound {
            if DigitClusterPrefilter.digitWidth(bytes, at: position, limit: limit) > 0 {
                let cluster = walk(from: position)
                if cluster.digits >= minimum { clusters.append(cluster) }
                position = cluster.range.upperBound
            } else {
                position += 1
            }
        }
        return clusters
    }

    static func randomText(seed: UInt64, length: Int) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        let pieces = [
            "0", "1", "23", "4567", "89012345", "０", "９", " ", "\u{3000}", "-", "－", "‐", "−", "ー", ".",
            "\n", "！", "（", "a", "番号", "x\n", "  ", "--", "12345678901234567890",
        ]
        var text: [UInt8] = []
        while text.count < length {
            text += Array(pieces[Int(random.next() % UInt64(pieces.count))].utf8)
        }
        return text
    }

    /// The short-run rules tried: none, some lengths ignored, some wanting a letter.
    static let rules: [DigitClusterPrefilter.ShortRunRule] = [
        .init(), .init(ignored: 1 << 3 | 1 << 5), .init(needsLetterBefore: 1 << 1 | 1 << 4 | 1 << 6),
    ]

    @Test(arguments: 0..<60)
    func agreesWithAByteWalk(seed: Int) {
        let text = Self.randomText(seed: UInt64(seed), length: 64 + seed * 53)
        text.withUnsafeBytes { buffer in
            for minimum in [1, 6, 12] {
                for rule in Self.rules {
                    // The whole text, and ranges that start and end inside clusters.
                    for range in [0..<text.count, (text.count / 3)..<(text.count - 5), 7..<(text.count / 2)] {
                        var found: [Cluster] = []
                        DigitClusterPrefilter.scan(buffer, range: range, minimumDigits: minimum, shortRuns: rule) {
                            cluster in
                            found.append(
                                Cluster(
                                    range: cluster.range, digits: cluster.digits, runs: cluster.runLengths,
                                    sequence: cluster.runSequence, count: cluster.runCount))
                        }
                        let expected = Self.reference(buffer, range: range, minimum: minimum)
                        // A cluster the rule rules out may still be reported (the caller checks
                        // again); every other one must be, and nothing else may.
                        func ruledOut(_ cluster: Cluster) -> Bool {
                            let bit = UInt64(1) << UInt64(cluster.digits)
                            guard cluster.count == 1, cluster.digits < 8, cluster.range.count == cluster.digits else {
                                return false
                            }
                            return rule.ignored & bit != 0
                                || rule.needsLetterBefore & bit != 0
                                    && !DigitClusterPrefilter.followsLetter(cluster.range.lowerBound, in: buffer)
                        }
                        let context = "seed \(seed) minimum \(minimum) rule \(rule) range \(range)"
                        let extra = found.first { !expected.contains($0) }
                        let missing = expected.first { !ruledOut($0) && !found.contains($0) }
                        #expect(extra == nil, "\(context): reported \(String(describing: extra)), which is no cluster")
                        #expect(missing == nil, "\(context): missed \(String(describing: missing))")
                        if rule == .init() {
                            #expect(found == expected, "\(context): \(found.count) vs \(expected.count) clusters")
                        }
                    }
                }
            }
        }
    }

    @Test func shortRunsAreDroppedAsTheRuleSays() {
        // `id=644193` needs a letter right before it; `AB123456` has one.
        let text = Array("id=644193 took AB123456 and 12345 then 1234567890\n".utf8)
        text.withUnsafeBytes { buffer in
            var found: [String] = []
            let rule = DigitClusterPrefilter.ShortRunRule(ignored: 1 << 5, needsLetterBefore: 1 << 6)
            DigitClusterPrefilter.scan(buffer, range: 0..<text.count, minimumDigits: 5, shortRuns: rule) { cluster in
                found.append(String(decoding: text[cluster.range], as: UTF8.self))
            }
            #expect(found == ["123456", "1234567890"])
        }
    }
}
