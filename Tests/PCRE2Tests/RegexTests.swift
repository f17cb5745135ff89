import Testing

@testable import PCRE2

/// The whole match and every group, or nil.
private func firstMatch(_ regex: Regex, _ text: String, from: Int = 0) throws -> [Range<Int>?]? {
    let bytes = Array(text.utf8)
    let scratch = MatchScratch()
    let whole = try bytes.withUnsafeBytes { try regex.firstMatch(in: $0, from: from, to: $0.count, scratch: scratch) }
    guard whole != nil else { return nil }
    return (0...regex.captureCount).map { scratch.range(ofGroup: $0) }
}

@Suite struct RegexTests {
    @Test func matchesAndReportsByteRanges() throws {
        let regex = try Regex("[0-9０-９]{3}")
        let ranges = try #require(try firstMatch(regex, "ab１２3x"))
        // "ab" is 2 bytes, each full-width digit 3 bytes, "3" one byte.
        #expect(ranges[0] == 2..<9)
        #expect(regex.isJITCompiled)
    }

    @Test func returnsNilWhenNothingMatches() throws {
        #expect(try firstMatch(Regex("z+"), "abc") == nil)
    }

    @Test func compileErrorCarriesOffset() {
        #expect {
            _ = try Regex("abc(def")
        } throws: { error in
            guard case .compile(_, let offset, let message)? = error as? RegexError else { return false }
            return offset == 7 && message.contains("missing closing parenthesis")
        }
    }

    @Test func lookbehindSeesBytesBeforeTheStartOffset() throws {
        let regex = try Regex("(?<![0-9])[0-9]{2}")
        // Starting at offset 1 inside "123": the lookbehind sees the "1" and rejects
        // "23"; nothing else in the window qualifies.
        #expect(try firstMatch(regex, "123", from: 1) == nil)
    }

    @Test func lookaheadStopsAtTheWindowEnd() throws {
        let regex = try Regex("[0-9]{2}(?![0-9])")
        let bytes = Array("1234".utf8)
        let scratch = MatchScratch()
        let range = try bytes.withUnsafeBytes { try regex.firstMatch(in: $0, from: 0, to: 2, scratch: scratch) }
        #expect(range == 0..<2)
    }

    @Test func namedGroupsAndUnsetGroups() throws {
        let regex = try Regex("(?<prefix>T)?(?<value>[0-9]{3})")
        #expect(regex.groupNumber(named: "value") == 2)
        #expect(regex.groupNumber(named: "missing") == nil)
        let ranges = try #require(try firstMatch(regex, "x123"))
        #expect(ranges[1] == nil)
        #expect(ranges[2] == 1..<4)
    }

    @Test func invalidUTF8NeverMatchesButDoesNotStopTheSearch() throws {
        let regex = try Regex("[0-9]{4}")
        var bytes: [UInt8] = [0xFF, 0xC3, 0x28]
        bytes += Array("1234".utf8)
        let scratch = MatchScratch()
        let range = try bytes.withUnsafeBytes { try regex.firstMatch(in: $0, from: 0, to: $0.count, scratch: scratch) }
        #expect(range == 3..<7)
    }

    @Test func catastrophicBacktrackingHitsTheMatchLimit() throws {
        // The classic exponential pattern; without a limit this would run for ages.
        let regex = try Regex("^(a+)+$")
        let text = String(repeating: "a", count: 40) + "!"
        let bytes = Array(text.utf8)
        let scratch = MatchScratch(limits: .init(matchLimit: 10_000))
        #expect {
            _ = try bytes.withUnsafeBytes { try regex.firstMatch(in: $0, from: 0, to: $0.count, scratch: scratch) }
        } throws: { error in
            (error as? MatchError)?.isResourceLimit == true
        }
    }

    @Test func manyCaptureGroupsGrowTheMatchData() throws {
        let pattern = String(repeating: "(a)", count: 40)
        let regex = try Regex(pattern)
        let ranges = try #require(try firstMatch(regex, String(repeating: "a", count: 40)))
        #expect(ranges.count == 41)
        #expect(ranges[40] == 39..<40)
    }
}
