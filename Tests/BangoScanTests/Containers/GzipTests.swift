import BangoCore
import BangoTestSupport
import Foundation
import Testing

@testable import BangoScan

/// The gzip reader (it appends what it inflates to `partial`, whole or not), on streams the real gzip writes, and within its limits.
@Suite struct GzipTests {
    static let text = Array((0..<2000).map { "line \($0) 個人番号 sample text\n" }.joined().utf8)

    static func inflate(_ input: [UInt8], limits: ContainerLimits = ContainerLimits()) -> (
        output: [UInt8], error: ContainerError?
    ) {
        var budget = UnpackBudget(limits: limits)
        var partial: [UInt8] = []
        do throws(ContainerError) {
            try Gzip.decompress(input, budget: &budget, partial: &partial)
            return (partial, nil)
        } catch {
            return (partial, error)
        }
    }

    @Test func aStreamFromGzipIsDecompressed() throws {
        let folder = TemporaryDirectory()
        let compressed = try runTool(["gzip", "-9", "-c"], in: folder.path, input: Self.text)
        #expect(Gzip.isGzip(compressed))
        let result = Self.inflate(compressed)
        #expect(result.error == nil)
        #expect(result.output == Self.text)
    }

    /// `cat a.gz b.gz` is one valid gzip file of both texts.
    @Test func concatenatedMembersAreReadInTurn() throws {
        let folder = TemporaryDirectory()
        let first = try runTool(["gzip", "-c"], in: folder.path, input: Array("first\n".utf8))
        let second = try runTool(["gzip", "-c"], in: folder.path, input: Array("second\n".utf8))
        #expect(Self.inflate(first + second).output == Array("first\nsecond\n".utf8))
        #expect(Self.inflate(first + [0, 0, 0, 0]).output == Array("first\n".utf8))  // trailing zeros
    }

    /// A stream cut short keeps what came before the cut, for the caller to scan.
    @Test func aTruncatedStreamIsCorruptWithItsPrefix() throws {
        let folder = TemporaryDirectory()
        let compressed = try runTool(["gzip", "-1", "-c"], in: folder.path, input: Self.text)
        let result = Self.inflate(Array(compressed[0..<(compressed.count / 2)]))
        #expect(result.error == .corrupt("truncated gzip stream"))
        #expect(!result.output.isEmpty)
        #expect(Self.text.starts(with: result.output))
    }

    @Test func garbageAfterTheHeaderIsCorrupt() {
        let result = Self.inflate([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF])
        guard case .corrupt(let message) = result.error else {
            Issue.record("expected corrupt, got \(String(describing: result.error))")
            return
        }
        #expect(message.hasPrefix("invalid gzip data"))
    }

    /// A bomb stops at the member limit instead of filling memory.
    @Test func theMemberLimitStopsABomb() throws {
        let folder = TemporaryDirectory()
        let zeros = [UInt8](repeating: 0, count: 8 << 20)
        let compressed = try runTool(["gzip", "-9", "-c"], in: folder.path, input: zeros)
        var limits = ContainerLimits()
        limits.maxMemberBytes = 1 << 20
        limits.maxRatio = 1_000_000
        let result = Self.inflate(compressed, limits: limits)
        #expect(result.error == .limit("member larger than 1048576 bytes decompressed"))
        #expect(result.output.count <= (1 << 20) + (1 << 16))
        limits.maxMemberBytes = 256 << 20
        limits.maxRatio = 200
        #expect(Self.inflate(compressed, limits: limits).error == .limit("compression ratio above 200:1"))
    }

    @Test func theHandWrittenFixtureIsValidGzip() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("f.gz", bytes: Fixture.gzip(Self.text))
        #expect(try runTool(["gzip", "-dc", path], in: folder.path) == Self.text)
    }
}
