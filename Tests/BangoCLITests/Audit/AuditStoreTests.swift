import BangoCore
import BangoTestSupport
import Foundation
import GRDB
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Scheduled sweeps with `--store`: the first run, an unchanged rescan that reads
/// nothing, and edits, moves, deletions and remediations counted as new, persisting and
/// resolved. Every number is synthetic.
@Suite struct AuditStoreTests {
    @Test func aSweepsHistoryCountsNewPersistingAndResolved() throws {
        var tree = AuditTree(files: 40)
        let first = try tree.scan()
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stderr.contains("run 1 recorded"), "\(first.stderr)")
        #expect(first.stderr.contains("40 new, 0 persisting, 0 resolved (the first run on these roots)"))

        let second = try tree.scan()
        #expect(second.stdout == first.stdout, "an unchanged rescan reports what the first run found")
        #expect(second.stderr.contains("0 new, 40 persisting, 0 resolved since run 1; 40 files unchanged, not read"))

        // One file edited (a second number), one moved, one deleted, one remediated.
        let edited = AuditTree.name(1)
        let added = tree.generator.myNumber()
        let editedPath = tree.share + "/" + edited
        let text = try String(contentsOfFile: editedPath, encoding: .utf8)
        try (text + "マイナンバー \(added)\n").write(toFile: editedPath, atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(
            atPath: tree.share + "/" + AuditTree.name(2), toPath: tree.share + "/dept3/moved.txt")
        try FileManager.default.removeItem(atPath: tree.share + "/" + AuditTree.name(3))
        tree.tree.write("share/" + AuditTree.name(4), "個人番号 [削除済み]\n")

        let third = try tree.scan()
        #expect(
            third.stderr.contains("1 new, 38 persisting, 2 resolved since run 2; 36 files unchanged, not read"),
            "\(third.stderr)")
        let row = try #require(try tree.runRow(3))
        #expect(row["status"] as String == "complete")
        #expect(row["scannedFiles"] as Int == 39)
        #expect(row["unchangedFiles"] as Int == 36)

        let report = try tree.run(["report", "--store", tree.store, "--format", "csv"])
        #expect(report.status == 0, "\(report.stderr)")
        let rows = report.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.filter { $0.first == "new" }.map { String($0[1]) } == ["share/" + edited])
        #expect(
            rows.filter { $0.first == "resolved" }.map { String($0[1]) }.sorted()
                == ["share/" + AuditTree.name(3), "share/" + AuditTree.name(4)].sorted())
        #expect(rows.filter { $0.first == "persisting" }.count == 38)
        #expect(rows.contains { $0.first == "persisting" && $0[1] == "share/dept3/moved.txt" })
    }

    @Test func anUnchangedFileIsNotReadUnlessVerifyIsAsked() throws {
        var tree = AuditTree(files: 8)
        _ = try tree.scan()
        // Same size, new number, old modification time and inode: only reading tells.
        let path = tree.share + "/" + AuditTree.name(5)
        // Only masked forms reach an expectation: a failing #expect prints its operands.
        let old = Masking.mask(try #require(tree.numbers[AuditTree.name(5)]))
        let info = AuditTree.stat(path)
        let fresh = Masking.mask(try tree.overwriteInPlace(AuditTree.name(5)))
        #expect(AuditTree.stat(path).st_ino == info.st_ino)
        AuditTree.restoreModificationTime(path, to: info)

        let unread = try tree.scan()
        #expect(unread.stderr.contains("8 files unchanged, not read"), "\(unread.stderr)")
        #expect(unread.stdout.contains(old), "the old finding carried over: not read")
        #expect(!unread.stdout.contains(fresh))

        let verified = try tree.scan(["--verify"])
        #expect(verified.stdout.contains(fresh), "--verify read the changed content")
        #expect(verified.stderr.contains("1 new, 7 persisting, 1 resolved"), "\(verified.stderr)")
        let again = try tree.scan(["--verify"])
        #expect(again.stderr.contains("8 files unchanged, not read"), "hashes were stored: \(again.stderr)")
    }

    @Test func aChangedCatalogueReadsEverythingAgainAndSaysSo() throws {
        let tree = AuditTree(files: 6)
        _ = try tree.scan()
        let narrowed = try tree.scan(["--only", "jp"])
        #expect(
            narrowed.stderr.contains("changed since run 1: every file is read again"), "\(narrowed.stderr)")
        #expect(!narrowed.stderr.contains("unchanged, not read"))
        let revealed = try tree.scan(["--only", "jp", "--reveal"])
        #expect(revealed.stderr.contains("--reveal: every file is read again"), "\(revealed.stderr)")
    }

    @Test func theStoreIsPrivateAndHoldsNoRawValue() throws {
        let tree = AuditTree(files: 10)
        _ = try tree.scan()
        _ = try tree.scan()
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: tree.store + suffix) {
            #expect(AuditTree.stat(tree.store + suffix).st_mode & 0o777 == 0o600, "\(suffix)")
        }
        // Checkpoint so every row is in the main file, then look for any raw number.
        let queue = try DatabaseQueue(path: tree.store)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: tree.store)), as: UTF8.self)
        let leaked = RevealedValues.of(Array(tree.numbers.values), in: bytes)
        #expect(leaked.isEmpty, "the store holds \(leaked.count) raw values")
        let report = try tree.run([
            "report", "--store", tree.store, "--format", "html", "-o", tree.tree.path + "/r.html",
        ])
        #expect(report.status == 0)
        #expect(AuditTree.stat(tree.tree.path + "/r.html").st_mode & 0o777 == 0o600)
    }

    @Test func runsAreListedAndPruned() throws {
        let tree = AuditTree(files: 3)
        for _ in 0..<4 { _ = try tree.scan() }
        let listed = try tree.run(["runs", "--store", tree.store])
        #expect(listed.status == 0)
        #expect(listed.stdout.split(separator: "\n").count == 5, "\(listed.stdout)")
        let pruned = try tree.run(["runs", "prune", "--keep", "2", "--store", tree.store])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stderr.contains("pruned 2 runs"))
        let after = try tree.run(["runs", "--store", tree.store])
        #expect(after.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t")[0] } == ["3", "4"])
        // The next run compares with the newest kept one.
        let next = try tree.scan()
        #expect(next.stderr.contains("since run 4"), "\(next.stderr)")
    }

    @Test func anUnchangedArchiveKeepsItsMembersAndSkipsInTheManifest() throws {
        var tree = AuditTree(files: 2)
        let number = tree.generator.myNumber()
        let inner = Fixture.markEncrypted(Fixture.zip([("secret.txt", "個人番号 \(number)\n")]))
        let archive = Fixture.zip([("people.csv", Array("マイナンバー\n\(number)\n".utf8)), ("inner.zip", inner)])
        tree.tree.write("share/archive.zip", bytes: archive)
        func manifest(_ name: String) throws -> [String: Any] {
            let path = tree.tree.path + "/" + name
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            return try #require(object as? [String: Any])
        }
        let first = try tree.scan(["--manifest", tree.tree.path + "/m1.json"])
        let second = try tree.scan(["--manifest", tree.tree.path + "/m2.json"])
        #expect(second.stderr.contains("3 files unchanged, not read"), "\(second.stderr)")
        #expect(second.stdout == first.stdout)
        #expect(first.stdout.contains("\"member\":\"people.csv\""), "\(first.stdout)")
        let (one, two) = (try manifest("m1.json"), try manifest("m2.json"))
        #expect((one["skipped"] as? [String: Int]) == (two["skipped"] as? [String: Int]))
        #expect((one["failed"] as? [String: Int]) == (two["failed"] as? [String: Int]))
        #expect((one["failed"] as? [String: Int]) == ["encrypted": 1], "the fixture has an encrypted member")
        #expect(second.status == first.status, "the same exit code: \(first.status)")
        let report = try tree.run(["report", "--store", tree.store, "--format", "json"])
        #expect(report.stdout.contains("\"problems\": [{\"path\": \"share/archive.zip\""), "\(report.stdout)")
    }
}
