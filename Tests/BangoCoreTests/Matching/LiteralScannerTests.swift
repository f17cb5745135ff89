import BangoTestSupport
import Hyperscan
import Testing

@testable import BangoCore

/// The one-pass keyword and literal search against the obvious quadratic search, on
/// seeded random text of the byte mixes it meets: Japanese, ASCII of both cases, digits,
/// punctuation, and the patterns themselves planted in altered case. Both passes are
/// held to it: Hyperscan's (with a scratch) and the portable one.
@Suite struct LiteralScannerTests {
    static let keywords = ["個人番号", "マイナンバー", "card number", "CVV", "tel", "iban", "年金手帳", "passeport", "口座"]
    static let triggers: [(String, Bool)] = [
        ("AKIA", false), ("ghp_", false), ("@", false), ("-----BEGIN", false),
        ("password", true), ("記号", false), ("eyJ", false), ("x", true),
    ]

    static func makeScanner(accelerated: Bool = true, pieceLength: Int = 1 << 30) -> LiteralScanner {
        var patterns: [(String, LiteralScanner.Role, Int)] = keywords.enumerated().map {
            ($0.element, .keyword, $0.offset)
        }
        patterns += triggers.enumerated().map {
            ($0.element.0, .trigger(caseInsensitive: $0.element.1), 20 + $0.offset)
        }
        patterns.append(("card number", .keyword, 40))  // the same keyword for a second detector
        patterns.append(("password", .keyword, 41))  // a trigger that is also a keyword
        return LiteralScanner(patterns: patterns, accelerated: accelerated, pieceLength: pieceLength)
    }

    /// Every occurrence by brute force: keywords ASCII case-insensitively, triggers as declared.
    static func expected(_ text: [UInt8], in range: Range<Int>) -> [LiteralScanner.Hit] {
        func matches(_ pattern: [UInt8], at start: Int, caseInsensitive: Bool, wholeWord: Bool = false) -> Bool {
            guard start + pattern.count <= text.count else { return false }
            if wholeWord {
                if start > 0 && LiteralScanner.isAlphanumeric(text[start - 1]) { return false }
                let end = start + pattern.count
                if end < text.count && LiteralScanner.isAlphanumeric(text[end]) { return false }
            }
            return pattern.indices.allSatisfy { index in
                let actual = text[start + index]
                let wanted = pattern[index]
                return caseInsensitive ? LiteralScanner.lower(actual) == LiteralScanner.lower(wanted) : actual == wanted
            }
        }
        var hits: [LiteralScanner.Hit] = []
        for start in range {
            var found: [Int: (DetectorMask, DetectorMask)] = [:]  // length → (keywords, triggers)
            // Short ASCII keywords (`tel`, `CVV`) count only as whole words.
            for (index, keyword) in keywords.enumerated()
            where matches(
                Array(keyword.utf8), at: start, caseInsensitive: true,
                wholeWord: keyword.utf8.count <= 3 && keyword.utf8.allSatisfy(LiteralScanner.isAlphanumeric))
            {
                var bits = DetectorMask.detector(index)
                if keyword == "card number" { bits |= 1 << 40 }
                found[keyword.utf8.count, default: (0, 0)].0 |= bits
            }
            for (index, (literal, insensitive)) in triggers.enumerated()
            where matches(Array(literal.utf8), at: start, caseInsensitive: insensitive) {
                found[literal.utf8.count, default: (0, 0)].1 |= .detector(20 + index)
            }
            if matches(Array("password".utf8), at: start, caseInsensitive: true) {
                found[8, default: (0, 0)].0 |= 1 << 41
            }
            for (length, masks) in found.sorted(by: { $0.key < $1.key }) {
                hits.append(
                    .init(range: start..<(start + length), keywordDetectors: masks.0, triggerDetectors: masks.1))
            }
        }
        return hits
    }

    /// The first hit where two lists part, briefly, so a failure prints one line.
    static func firstDifference(_ found: [LiteralScanner.Hit], _ expected: [LiteralScanner.Hit]) -> String? {
        for (index, (a, b)) in zip(found, expected).enumerated() where a != b {
            return
                "hit \(index): found \(a.range) \(a.keywordDetectors)/\(a.triggerDetectors), expected \(b.range) \(b.keywordDetectors)/\(b.triggerDetectors)"
        }
        return found.count == expected.count ? nil : "found \(found.count) hits, expected \(expected.count)"
    }

    static func randomText(seed: UInt64, length: Int) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        let pieces = [
            "個人", "番号", "マイナ", "ンバー", "年金", "手帳", "口座", "記号", "の", "、", " ", "\n", "card", " number",
            "CARD NUMBER", "Card Number", "cvv", "CvV", "TEL", "tel", "hotel", "tell", "xcvv", "iban", "IBAN", "akia",
            "AKIA", "ghp_", "GHP_",
            "@", "-----BEGIN", "-----begin", "Password", "PASSWORD", "eyJ", "EYJ", "x", "X", "passeport",
            "2024年", "0123", "-", "abc", "Z", "\u{FF10}",
        ]
        var text: [UInt8] = []
        while text.count < length {
            text += Array(pieces[Int(random.next() % UInt64(pieces.count))].utf8)
            // Now and then a random byte, so windows also fall on arbitrary data.
            if random.next() % 7 == 0 { text.append(UInt8(truncatingIfNeeded: random.next())) }
        }
        return text
    }

    /// The scanners under test: portable; Hyperscan's; Hyperscan's given the text in
    /// pieces of 7 bytes, so patterns straddle piece ends.
    static let variants: [(name: String, scanner: LiteralScanner)] = [
        ("portable", makeScanner(accelerated: false)), ("hyperscan", makeScanner()),
        ("hyperscan in pieces", makeScanner(pieceLength: 7)),
    ]

    @Test(arguments: 0..<40)
    func findsExactlyWhatBruteForceFinds(seed: Int) {
        let text = Self.randomText(seed: UInt64(seed), length: 300 + seed * 37)
        for (name, scanner) in Self.variants {
            let scratch = scanner.makeScratch()
            // Whole text, and a range that cuts patterns at both ends.
            for range in [0..<text.count, (text.count / 3)..<(2 * text.count / 3)] {
                var hits: [LiteralScanner.Hit] = []
                text.withUnsafeBytes { scanner.scan($0, in: range, into: &hits, scratch: scratch) }
                let expected = Self.expected(text, in: range)
                let difference = Self.firstDifference(hits, expected)
                #expect(difference == nil, "\(name), seed \(seed), range \(range): \(difference ?? "")")
            }
        }
    }

    @Test func hyperscanRunsWhereItIsSupported() {
        // Where the processor runs Hyperscan, the scanner must have compiled its set
        // (a failed compile would quietly fall back to the slower pass); the engine's
        // built-in set too.
        #expect(Self.makeScanner().isAccelerated == LiteralDatabase.isSupported)
        #expect(Self.makeScanner(accelerated: false).isAccelerated == false)
        let engine = try? DetectionEngine.builtin()
        #expect(engine?.literals.isAccelerated == LiteralDatabase.isSupported)
    }

    @Test func aCoveredRangeAnswersLikeOneSearch() {
        // Covering in steps, forwards, backwards and with jumps gives the same hits as
        // one search over what was covered.
        let scanner = Self.makeScanner()
        let text = Self.randomText(seed: 99, length: 20_000)
        var random = SplitMix64(seed: 7)
        text.withUnsafeBytes { buffer in
            var cache = KeywordCache()
            var low = Int.max
            var high = 0
            for _ in 0..<200 {
                let start = Int(random.next() % UInt64(text.count - 64))
                let window = start..<min(text.count, start + 1 + Int(random.next() % 2000))
                cache.cover(window, with: scanner, in: buffer)
                // A jump far past the covered range starts afresh.
                if window.lowerBound > high + KeywordCache.largestGapSearched || window.upperBound < low {
                    (low, high) = (window.lowerBound, window.upperBound)
                } else {
                    (low, high) = (min(low, window.lowerBound), max(high, window.upperBound))
                }
                var whole: [LiteralScanner.Hit] = []
                scanner.scan(buffer, in: low..<high, into: &whole)
                let difference = Self.firstDifference(cache.hits, whole)
                #expect(difference == nil, "covered \(low)..<\(high): \(difference ?? "")")
            }
        }
    }

    @Test func emptyAndTinyInputs() {
        for (name, scanner) in Self.variants {
            let scratch = scanner.makeScratch()
            for text in ["", "x", "@", "ta", "tel", "個"] {
                let bytes = Array(text.utf8)
                var hits: [LiteralScanner.Hit] = []
                bytes.withUnsafeBytes { scanner.scan($0, in: 0..<bytes.count, into: &hits, scratch: scratch) }
                #expect(
                    Self.firstDifference(hits, Self.expected(bytes, in: 0..<bytes.count)) == nil, "\(name): \(text)")
            }
        }
    }
}

/// Newline counting against a byte count, on every short range of a text whose newlines
/// fall at every lane of a block, so the loop, the masked last block and the byte tail
/// are all held to it.
@Suite struct NewlineCountTests {
    @Test func countsLikeTheBytes() {
        var random = SplitMix64(seed: 5)
        let text: [UInt8] = (0..<300).map { _ in random.next() % 3 == 0 ? 0x0A : 0x61 }
        text.withUnsafeBytes { buffer in
            for start in 0..<60 {
                for end in start...(start + 90) {
                    let expected = text[start..<end].filter { $0 == 0x0A }.count
                    let counted = NewlineCounter.count(buffer, in: start..<end)
                    if counted != expected {
                        Issue.record("range \(start)..<\(end): counted \(counted), expected \(expected)")
                        return
                    }
                }
            }
        }
    }

    /// Long ranges: the per-lane counts are added up every 255 blocks, and a text of
    /// nothing but newlines fills every lane to the brim before that.
    @Test func countsLongRangesWithoutOverflow() {
        var random = SplitMix64(seed: 9)
        let mixed: [UInt8] = (0..<20_000).map { _ in random.next() % 4 == 0 ? 0x0A : 0x61 }
        let allNewlines = [UInt8](repeating: 0x0A, count: 20_000)
        for text in [mixed, allNewlines] {
            text.withUnsafeBytes { buffer in
                for (start, end) in [
                    (0, 20_000), (3, 19_999), (0, 4_080), (0, 4_096), (1, 4_097), (7, 8_200), (100, 12_345),
                ] {
                    let expected = text[start..<end].filter { $0 == 0x0A }.count
                    #expect(NewlineCounter.count(buffer, in: start..<end) == expected, "range \(start)..<\(end)")
                }
            }
        }
    }
}
