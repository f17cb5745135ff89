import BangoTestSupport
import Foundation
import GRDB
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A generated share for audit-store tests: `files` text files in four folders, each
/// with one labelled My Number (synthetic: a seeded generator plus the mod-11 check
/// digit), and the store beside it; runs the CLI against both.
struct AuditTree {
    let tree = TemporaryTree()
    let cli = CLI()
    /// The numbers written, by relative path.
    private(set) var numbers: [String: String] = [:]
    var generator = SyntheticIdentifiers(seed: 17)
    static let key = ["BANGO_FINGERPRINT_KEY": "audit-test-key-0123456789abcdef"]

    var store: String { tree.path + "/audit.db" }
    var share: String { tree.path + "/share" }

    init(files: Int, fillerLines: Int = 3) {
        let filler = String(repeating: "注文 2024-01-01 ¥1,200 担当 山田\n", count: fillerLines)
        for index in 0..<files { write(Self.name(index), filler: filler) }
    }

    static func name(_ index: Int) -> String { "dept\(index % 4)/file\(index).txt" }

    /// Writes (or rewrites) a file with a new number.
    mutating func write(_ relative: String, filler: String = "") {
        let number = generator.myNumber()
        numbers[relative] = number
        tree.write("share/" + relative, "個人番号 \(number)\n" + filler)
    }

    /// Rewrites a file in place (same inode, same size) with a new number; returns it.
    mutating func overwriteInPlace(_ relative: String) throws -> String {
        let path = share + "/" + relative
        let old = try Data(contentsOf: URL(fileURLWithPath: path))
        let number = generator.myNumber()
        let previous = Array(numbers[relative, default: ""].utf8)
        var bytes = Array(old)
        // Not #require: its failure message would print the number it looked for.
        guard let start = bytes.firstRange(of: previous)?.lowerBound else { throw CocoaError(.fileReadCorruptFile) }
        bytes.replaceSubrange(start..<start + previous.count, with: Array(number.utf8))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: bytes)
        try handle.close()
        numbers[relative] = number
        return number
    }

    /// `bango scan --store` on the share, run from the tree's folder so paths read `share/…`.
    func scan(_ extra: [String] = []) throws -> CLI.Result {
        try cli.run(
            ["scan", "--store", store, "--format", "jsonl", "--sort", "path"] + extra + ["share"],
            environment: Self.key, directory: tree.path)
    }

    func run(_ arguments: [String]) throws -> CLI.Result {
        try cli.run(arguments, environment: Self.key, directory: tree.path)
    }

    /// One run's row, read through GRDB.
    func runRow(_ id: Int) throws -> Row? {
        let queue = try DatabaseQueue(path: store)
        return try queue.read { try Row.fetchOne($0, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) }
    }

    /// Sets a file's modification time (to the nanosecond) back to what `stat` said.
    static func restoreModificationTime(_ path: String, to info: stat) {
        var times = [info.st_atim, info.st_mtim]
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }

    static func stat(_ path: String) -> stat {
        var info = Glibc.stat()
        _ = lstat(path, &info)
        return info
    }
}
