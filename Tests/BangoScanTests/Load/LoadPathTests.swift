import BangoCore
import BangoTestSupport
import Foundation
import Testing

@testable import BangoScan

/// Every way of loading and splitting a file must give the same findings: the read
/// path, the mmap path, the fallback when mmap fails, and chunking at any size.
@Suite struct LoadPathTests {
    static func corpus(in directory: TemporaryDirectory) -> Int {
        var generator = SyntheticIdentifiers(seed: 99)
        var planted = 0
        for fileIndex in 0..<6 {
            var text = ""
            for line in 0..<(400 * (fileIndex + 1)) {
                if line % 37 == 0 {
                    text += "行\(line) 個人番号 \(generator.myNumber()) 法人番号 T\(generator.corporateNumber())\n"
                    planted += 2
                } else if line % 53 == 0 {
                    text +=
                        "ｘ" + String(repeating: "あ", count: line % 200)
                        + "１２３４５６７８９０１８ 999\(generator.invalidMyNumber())\n"
                    planted += 1
                } else {
                    text += "2024-01-\(line % 28 + 1) 注文 \(line * 7919) 金額 12,300円 tel 03-1234-5678\n"
                }
            }
            directory.write("share/f\(fileIndex).txt", text)
        }
        return planted
    }

    @Test func readMapFallbackAndChunkingAgree() throws {
        let directory = TemporaryDirectory()
        let planted = Self.corpus(in: directory)
        let root = directory.path + "/share"

        let read = try scan([root]) { $0.loadPolicy = LoadPolicy(mmapThreshold: .max, chunkSize: 64 << 20) }
        let japaneseNumbers = read.findings.filter {
            $0.detector == "jp.my_number" || $0.detector == "jp.corporate_number"
        }
        #expect(japaneseNumbers.count == planted)
        #expect(read.findings.contains { $0.detector == "jp.phone" })

        let policies: [(String, LoadPolicy)] = [
            ("mmap", LoadPolicy(mmapThreshold: 0, chunkSize: 64 << 20)),
            ("read, 4 KiB chunks", LoadPolicy(mmapThreshold: .max, chunkSize: 4096)),
            ("mmap, 4 KiB chunks", LoadPolicy(mmapThreshold: 0, chunkSize: 4096)),
            ("mmap, 5 KiB chunks", LoadPolicy(mmapThreshold: 0, chunkSize: 5 * 1024 + 7)),
            (
                "mmap failing, read fallback",
                {
                    var policy = LoadPolicy(mmapThreshold: 0, chunkSize: 8192)
                    policy.simulateMapFailure = true
                    return policy
                }()
            ),
        ]
        for (name, policy) in policies {
            for threads in [1, 3] {
                let other = try scan([root]) {
                    $0.loadPolicy = policy
                    $0.threads = threads
                }
                #expect(other.lines == read.lines, "\(name), \(threads) threads")
                #expect(other.manifest.summary.scannedFiles == 6)
            }
        }
    }

    /// A match, and its keyword, straddling a chunk boundary is reported exactly once,
    /// whatever byte the boundary falls on.
    @Test(arguments: Array(4080...4100))
    func matchAtChunkBoundaryIsReportedOnce(offset: Int) throws {
        let directory = TemporaryDirectory()
        let keyword = "個人番号 "
        let prefixLength = offset - keyword.utf8.count
        // Lines of 99 'a' plus a newline, then padding, so the number starts at `offset`.
        var text = String(repeating: String(repeating: "a", count: 99) + "\n", count: prefixLength / 100)
        text += String(repeating: "b", count: prefixLength % 100)
        text += keyword + "１２３４ 5678 9018" + " tail\n"
        let path = directory.write("boundary.txt", text)
        let result = try scan([path]) { $0.loadPolicy = LoadPolicy(mmapThreshold: 0, chunkSize: 4096) }
        let line = prefixLength / 100 + 1
        let column = prefixLength % 100 + keyword.count + 1
        #expect(result.lines == ["\(path):\(line):\(column) jp.my_number ********9018 high"])
        #expect(result.batches.count == 1)
    }

    /// Detectors found through trigger literals (and the keywords around them) are
    /// reported once, with the whole-file result, wherever a chunk boundary cuts them.
    @Test(arguments: Array(stride(from: 4060, through: 4110, by: 5)))
    func literalTriggeredMatchesAtChunkBoundaries(offset: Int) throws {
        let directory = TemporaryDirectory()
        let record = "Codice fiscale: BNCLRA80A41F205G key AKIAZ3MXQ7W5LQ2RKT4B mail taro.yamada@example.co.jp\n"
        // Pad so the record starts `offset` bytes in: its literals straddle 4096 in turn.
        let padding =
            String(repeating: String(repeating: "a", count: 99) + "\n", count: offset / 100)
            + String(repeating: "b", count: offset % 100)
        let text = padding + record + padding + record
        let path = directory.write("literals.txt", text)
        let chunked = try scan([path]) { $0.loadPolicy = LoadPolicy(mmapThreshold: 0, chunkSize: 4096) }
        let whole = try scan([path])
        #expect(chunked.lines == whole.lines)
        #expect(whole.lines.count == 6, "\(whole.lines)")
    }

    /// Large files stream their findings chunk by chunk; still, every file's findings
    /// reach the sink as one contiguous run, in order, never interleaved with another's.
    @Test func streamedLargeFilesStayContiguous() throws {
        let directory = TemporaryDirectory()
        var generator = SyntheticIdentifiers(seed: 31)
        for index in 0..<3 {
            let text = (0..<2000).map { line in
                line % 25 == 0 ? "個人番号 \(generator.myNumber())" : "filler line \(line) with words"
            }.joined(separator: "\n")
            directory.write("large\(index).txt", text)
        }
        for index in 0..<30 { directory.write("small\(index).txt", "番号 \(generator.myNumber())\n") }
        for threads in [2, 4] {
            let result = try scan([directory.path]) {
                $0.loadPolicy = LoadPolicy(mmapThreshold: 0, chunkSize: 4096)
                $0.threads = threads
            }
            let paths = result.findings.map(\.path)
            var runs: [String] = []
            for path in paths where runs.last != path { runs.append(path) }
            #expect(runs.count == Set(paths).count, "a file's findings were interleaved with another's")
            #expect(Set(paths).count == 33)
            for path in Set(paths) {
                let lines = result.findings.filter { $0.path == path }.map(\.line)
                #expect(lines == lines.sorted())
            }
            #expect(result.findings.filter { $0.path.hasSuffix("large0.txt") }.count == 80)
        }
    }

    /// Columns count characters across chunk boundaries on one very long line.
    @Test func columnsOnALongLineSpanChunks() throws {
        let directory = TemporaryDirectory()
        let text = String(repeating: "あ", count: 10_000) + " 123456789018\n"
        let path = directory.write("long.txt", text)
        let chunked = try scan([path]) { $0.loadPolicy = LoadPolicy(mmapThreshold: 0, chunkSize: 4096) }
        #expect(chunked.lines == ["\(path):1:10002 jp.my_number ********9018 low"])
    }

    @Test func aFileTruncatedWhileMappedDoesNotCrash() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("shrinking.txt", String(repeating: "filler line\n", count: 100_000))
        let fd = open(path, O_RDWR)
        defer { close(fd) }
        let loader = ChunkLoader(policy: LoadPolicy(mmapThreshold: 0, chunkSize: 64 << 20))
        let (sum, info) = try loader.withView(fd: fd, range: 0..<1_200_000) { view -> Int in
            // The file loses its tail after it was mapped; reading the vanished pages
            // must give zeros, not SIGBUS.
            ftruncate(fd, 4096)
            var total = 0
            for index in stride(from: 0, to: view.count, by: 512) { total += Int(view[index]) }
            return total
        }
        #expect(info.mapped)
        #expect(info.truncated)
        #expect(sum > 0)
    }

    @Test func aFileTruncatedWhileReadIsReported() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("short.txt", String(repeating: "x", count: 10_000))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let loader = ChunkLoader(policy: LoadPolicy(mmapThreshold: .max, chunkSize: 64 << 20))
        // Ask for more than the file holds, as if it shrank after fstat.
        let (count, info) = try loader.withView(fd: fd, range: 0..<20_000) { $0.count }
        #expect(count == 10_000)
        #expect(info.truncated && !info.mapped)
    }

    @Test func truncationDuringAScanIsRecordedAndTheRunGoesOn() throws {
        let directory = TemporaryDirectory()
        var generator = SyntheticIdentifiers(seed: 5)
        let firstNumber = generator.myNumber()
        var text = "個人番号 \(firstNumber)\n"
        text += String(repeating: "padding padding padding\n", count: 20_000)
        let path = directory.write("victim.txt", text)
        directory.write("other.txt", "個人番号 \(generator.myNumber())\n")
        // The scanner opens files read-only, so the hook truncates by path.
        let truncate: @Sendable (Int32) -> Void = { _ in _ = Glibc.truncate(path, 2048) }
        let result = try scan([directory.path]) {
            $0.loadPolicy = LoadPolicy(mmapThreshold: 0, chunkSize: 64 << 10)
            $0.loadPolicy.afterLoadHook = truncate
            $0.threads = 2
        }
        let truncated = result.entries(.truncatedDuringScan)
        #expect(truncated.map(\.path) == [path])
        #expect(truncated.first?.status == .failed)
        // The finding before the cut is still reported, and the other file is scanned.
        #expect(result.findings.filter { $0.path == path }.map(\.masked) == [Masking.mask(firstNumber)])
        #expect(result.manifest.summary.scannedFiles == 1)
    }
}
