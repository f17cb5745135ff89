import BangoCore
import BangoTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A generated share for sharding tests, with every kind of target a shard must account
/// for once: small files in folders, UTF-8 files larger than the piece size (split
/// between shards, with numbers placed across piece boundaries and a table whose header
/// row lies in the first piece only), a Shift_JIS file and an archive past the piece size
/// (not splittable: scanned whole by the owner of their first piece), a symbolic link and
/// an excluded file (recorded by one shard). Every number is synthetic: the seeded
/// generator plus the mod-11 check digit.
struct ShardTree {
    let tree = TemporaryTree()
    let cli = CLI()
    static let key = ["BANGO_FINGERPRINT_KEY": "shard-test-key-0123456789abcdef"]
    static let piece = 64 << 10
    var share: String { tree.path + "/share" }
    var out: String { tree.path + "/out" }

    init() {
        var generator = SyntheticIdentifiers(seed: 29)
        for index in 0..<90 {
            let lines = (0..<(index % 4)).map { "社員\($0) 個人番号 \(generator.myNumber())\n" }
            tree.write("share/dept\(index % 5)/note\(index).txt", "議事録 \(index)\n" + lines.joined())
        }
        // A log of 5.3 pieces: a number straddles each piece boundary.
        var log: [UInt8] = []
        var boundary = Self.piece
        while log.count < 5 * Self.piece + Self.piece / 3 {
            let number = Array("個人番号 \(generator.myNumber())".utf8)
            if log.count + 200 > boundary {
                // Pad so that the number starts 9 bytes before the boundary.
                let start = boundary - 9 - (number.count - 12)
                log += Array(repeating: UInt8(ascii: "x"), count: max(0, start - log.count)) + number + [0x0A]
                boundary += Self.piece
                continue
            }
            log += Array("2026-12-01 12:00:00 INFO order \(log.count) ok\n".utf8)
            if generator.int(in: 0...40) == 0 { log += Array("user note: my number \(generator.myNumber())\n".utf8) }
        }
        tree.write("share/logs/app.log", bytes: log)
        // An HR export of 3.5 pieces: the column header says what every row's number is.
        var csv = "社員番号,氏名,マイナンバー\n"
        var row = 0
        while csv.utf8.count < 3 * Self.piece + Self.piece / 2 {
            csv += "E\(row),社員\(row),\(generator.myNumber())\n"
            row += 1
        }
        tree.write("share/exports/hr.csv", csv)
        var sjis = ""
        while sjis.utf8.count < Self.piece * 2 {
            sjis += "顧客の個人番号は \(generator.myNumber()) です。住所は東京都千代田区一丁目。\n"
        }
        tree.write("share/legacy/customers-sjis.txt", bytes: encode(sjis, as: "SHIFT_JIS"))
        var member = ""
        while member.utf8.count < Self.piece + Self.piece / 2 { member += "マイナンバー \(generator.myNumber())\n" }
        tree.write("share/archive/backup.zip", bytes: Fixture.zip([("dump/people.txt", member)], stored: true))
        tree.write("share/dept1/skip-me.tmp", "個人番号 \(generator.myNumber())\n")
        symlink("../dept0/note0.txt", share + "/dept2/link.txt")
        try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    }

    /// The options every scan of the tree is run with.
    static let options = [
        "--format", "jsonl", "--exclude", "*.tmp", "--fail-on", "never", "-q",
    ]

    /// One scan of the whole share: the reference the merged shards must equal.
    func single(_ extra: [String] = []) throws -> (jsonl: String, manifest: String) {
        let result = try cli.run(
            ["scan"] + Self.options + extra + ["-o", "single.jsonl", "--manifest", "single.json", "share"],
            environment: Self.key, directory: tree.path)
        #expect(result.status == 0, "\(result.stderr)")
        return (tree.path + "/single.jsonl", tree.path + "/single.json")
    }

    /// Shard `index` of `count` (0: `--shard auto`), as its own process, writing into `out`.
    func shard(
        _ index: Int, of count: Int, _ extra: [String] = [], environment: [String: String] = [:],
        output: String = "out/findings.jsonl"
    ) throws -> CLI.Result {
        try Self.shard(
            index, of: count, extra, environment: environment, cli: cli, directory: tree.path, output: output)
    }

    static func shard(
        _ index: Int, of count: Int, _ extra: [String] = [], environment: [String: String] = [:], cli: CLI,
        directory: String, output: String = "out/findings.jsonl"
    ) throws -> CLI.Result {
        try cli.run(
            ["scan"] + options + extra + [
                "--shard", index == 0 ? "auto" : "\(index)/\(count)", "--shard-piece", "64K", "--chunk-size", "16K",
                "-o", output, "--manifest", "out/manifest.json", "share",
            ], environment: key.merging(environment) { $1 }, directory: directory)
    }

    /// Every shard at once, each its own process.
    func shards(_ count: Int, _ extra: [String] = [], output: String = "out/findings.jsonl") throws {
        let results = ResultBox(count: count)
        let (cli, directory) = (cli, tree.path)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(
                index,
                Result { try Self.shard(index + 1, of: count, extra, cli: cli, directory: directory, output: output) })
        }
        for result in results.values {
            let finished = try #require(try result?.get())
            #expect(finished.status == 0, "\(finished.stderr)")
        }
    }

    func merge(_ inputs: [String] = ["out"], into folder: String = "merged") throws -> CLI.Result {
        try cli.run(["merge", "-o", folder] + inputs, environment: Self.key, directory: tree.path)
    }

    /// The report's lines, sorted: shards write in their own order.
    static func sortedLines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init).sorted()
    }

    /// The two reports hold the same findings, and many: compared sorted, by count and
    /// line, so that a failure message names a line number, never a finding.
    static func expectSameFindings(
        _ path: String, as reference: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let expected = try sortedLines(reference)
        let actual = try sortedLines(path)
        #expect(expected.count > 1000, sourceLocation: sourceLocation)
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        let firstDifference = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(
            firstDifference == nil, "sorted findings differ from line \(firstDifference ?? 0)",
            sourceLocation: sourceLocation)
    }

    /// A manifest parsed, without what differs between runs of the same scan.
    static func manifest(_ path: String) throws -> NSDictionary {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let dictionary = try #require(object as? [String: Any])
        return dictionary.filter { !["seconds", "shards", "sweep"].contains($0.key) } as NSDictionary
    }

    /// Results written by several threads.
    final class ResultBox: Sendable {
        private let slots: Locked<[Result<CLI.Result, any Error>?]>
        init(count: Int) { slots = Locked(Array(repeating: nil, count: count)) }
        func set(_ index: Int, _ value: Result<CLI.Result, any Error>) { slots.withLock { $0[index] = value } }
        var values: [Result<CLI.Result, any Error>?] { slots.withLock { $0 } }
    }
}
