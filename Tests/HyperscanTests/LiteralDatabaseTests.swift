import BangoCore
import Dispatch
import Hyperscan
import Testing

/// The wrapper's contract: ids are array indices, ends are offsets past each occurrence,
/// every occurrence is reported (overlapping ones too), and what Hyperscan cannot take
/// gives nil rather than a crash. Skipped where the processor does not run Hyperscan.
@Suite(.enabled(if: LiteralDatabase.isSupported)) struct LiteralDatabaseTests {
    static func literal(_ text: String, caseInsensitive: Bool = false) -> LiteralDatabase.Literal {
        LiteralDatabase.Literal(bytes: Array(text.utf8), caseInsensitive: caseInsensitive)
    }

    static func matches(_ database: LiteralDatabase, in text: [UInt8]) throws -> [[Int]] {
        let scratch = try #require(database.makeScratch())
        var found: [[Int]] = []
        try text.withUnsafeBytes { buffer in
            try database.scan(buffer, scratch: scratch) { literal, end in found.append([literal, end]) }
        }
        return found.sorted { ($0[1], $0[0]) < ($1[1], $1[0]) }
    }

    @Test func reportsEveryOccurrenceByIndexAndEnd() throws {
        let database = try #require(LiteralDatabase([Self.literal("aa"), Self.literal("個人番号"), Self.literal("番号")]))
        let text = Array("aaa 個人番号".utf8)
        // "aa" twice (overlapping), then both Japanese literals end at the last byte.
        #expect(try Self.matches(database, in: text) == [[0, 2], [0, 3], [1, text.count], [2, text.count]])
    }

    @Test func foldsASCIICaseOnlyWhenAsked() throws {
        let database = try #require(
            LiteralDatabase([
                Self.literal("AKIA"), Self.literal("card number", caseInsensitive: true),
            ]))
        #expect(try Self.matches(database, in: Array("akia CARD Number AKIA".utf8)) == [[1, 16], [0, 21]])
    }

    @Test func takesAnyBytesIncludingNUL() throws {
        // NUL inside a literal, and bytes no UTF-8 holds. (Vectorscan 5.4.9 refuses a
        // literal that begins with NUL, taking it for an empty string; the scanner then
        // keeps its portable pass, so that is a slowdown, never a miss.)
        let database = try #require(
            LiteralDatabase([LiteralDatabase.Literal(bytes: [0x41, 0x00, 0xFF], caseInsensitive: false)]))
        #expect(try Self.matches(database, in: [0x41, 0x00, 0xFF, 0x00, 0x41, 0x00, 0xFF]) == [[0, 3], [0, 7]])
    }

    @Test func emptyInputsAreRefusedOrFindNothing() throws {
        #expect(LiteralDatabase([]) == nil)
        #expect(LiteralDatabase([Self.literal("")]) == nil)
        let database = try #require(LiteralDatabase([Self.literal("x")]))
        #expect(try Self.matches(database, in: []) == [])
    }

    @Test func scratchSpacesAreIndependent() throws {
        // Two threads' scratch spaces scanning at once find the same occurrences.
        let database = try #require(LiteralDatabase([Self.literal("needle")]))
        let text = Array(String(repeating: "hay needle ", count: 10_000).utf8)
        let counts = Locked<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let found = (try? Self.matches(database, in: text).count) ?? -1
            counts.withLock { $0.append(found) }
        }
        #expect(counts.withLock { $0 } == [10_000, 10_000, 10_000, 10_000])
    }
}
