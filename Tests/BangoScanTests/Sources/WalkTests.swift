import BangoCore
import BangoTestSupport
import Foundation
import Testing

@testable import BangoScan

@Suite struct WalkTests {
    static let number = "123456789018"

    @Test func everyTargetIsAccountedFor() throws {
        let directory = TemporaryDirectory()
        let root = directory.path
        directory.write("a.txt", "個人番号 \(Self.number)\n")
        directory.write("sub/deeper/b.txt", "x \(Self.number)\n")
        directory.write(".git/objects/c.txt", Self.number)
        directory.write(".svn/d.txt", Self.number)
        directory.write("bin.dat", bytes: [0x00, 0x01] + Array(Self.number.utf8))
        directory.write("empty.txt", "")
        #expect(mkfifo(root + "/pipe", 0o644) == 0)
        #expect(symlink(root + "/a.txt", root + "/link.txt") == 0)

        let result = try scan([root])
        #expect(
            result.lines == [
                "\(root)/a.txt:1:6 jp.my_number ********9018 high",
                "\(root)/sub/deeper/b.txt:1:3 jp.my_number ********9018 low",
            ])
        let summary = result.manifest.summary
        #expect(summary.scannedFiles == 3)
        #expect(result.entries(.vcsDirectory).map(\.path).sorted() == [root + "/.git", root + "/.svn"])
        #expect(result.entries(.binary).map(\.path) == [root + "/bin.dat"])
        #expect(result.entries(.fifo).map(\.path) == [root + "/pipe"])
        #expect(result.entries(.symlink).map(\.path) == [root + "/link.txt"])
        #expect(summary.failedCount == 0)
    }

    @Test func specialFilesNamedDirectlyAreSkippedNotOpened() throws {
        let directory = TemporaryDirectory()
        let fifo = directory.path + "/named-pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        // Opening a FIFO for reading with no writer would block forever; finishing at
        // all shows it was never opened.
        let result = try scan([fifo, "/dev/null"])
        #expect(result.entries(.fifo).map(\.path) == [fifo])
        #expect(result.entries(.device).map(\.path) == ["/dev/null"])
    }

    @Test func socketsAreSkippedWithAReason() throws {
        let directory = TemporaryDirectory()
        let socketPath = directory.path + "/s.sock"
        #expect(UnixSocket.bind(at: socketPath))
        let result = try scan([directory.path])
        #expect(result.entries(.socket).map(\.path) == [socketPath])
    }

    @Test func missingRootsFail() throws {
        let result = try scan(["/nonexistent/bango/path"])
        #expect(result.entries(.notFound).map(\.status) == [.failed])
        #expect(result.manifest.summary.failedCount == 1)
    }

    @Test func symlinksAreFollowedOnlyWhenAskedAndLoopsAreCaught() throws {
        let directory = TemporaryDirectory()
        let root = directory.path
        directory.write("real/a.txt", "個人番号 \(Self.number)\n")
        #expect(symlink(root + "/real", root + "/real/loop") == 0)  // points at its parent
        #expect(symlink(root + "/real/a.txt", root + "/alias.txt") == 0)
        #expect(symlink(root + "/missing", root + "/dangling") == 0)

        let plain = try scan([root])
        #expect(plain.findings.count == 1)
        #expect(plain.entries(.symlink).count == 3)

        let followed = try scan([root]) { $0.followSymlinks = true }
        #expect(followed.findings.map(\.path).sorted() == [root + "/alias.txt", root + "/real/a.txt"])
        #expect(followed.entries(.symlinkLoop).map(\.path) == [root + "/real/loop"])
        #expect(followed.entries(.notFound).map(\.path) == [root + "/dangling"])
    }

    @Test func gitignoreIsHonouredOnlyWhenAsked() throws {
        let directory = TemporaryDirectory()
        let root = directory.path
        directory.write(".gitignore", "*.csv\n!keep.csv\n/build/\n# comment\nlogs\n")
        directory.write("export.csv", Self.number)
        directory.write("keep.csv", Self.number)
        directory.write("build/out.txt", Self.number)
        directory.write("src/build/kept.txt", Self.number)  // /build/ is anchored to the root
        directory.write("src/logs", Self.number)  // unanchored: any depth
        directory.write("src/.gitignore", "secret-*.txt\n")
        directory.write("src/secret-1.txt", Self.number)
        directory.write("other/secret-2.txt", Self.number)  // src's rules stay in src

        let everything = try scan([root])
        #expect(everything.findings.count == 7)

        let respected = try scan([root]) { $0.respectGitignore = true }
        #expect(
            respected.findings.map(\.path).sorted() == [
                root + "/keep.csv", root + "/other/secret-2.txt", root + "/src/build/kept.txt",
            ])
        #expect(
            respected.entries(.ignored).map(\.path) == [
                root + "/build", root + "/export.csv", root + "/src/logs", root + "/src/secret-1.txt",
            ])
    }

    @Test func includeExcludeAndSizeLimits() throws {
        let directory = TemporaryDirectory()
        let root = directory.path
        directory.write("hr/staff.csv", Self.number)
        directory.write("hr/notes.txt", Self.number)
        directory.write("tmp/cache.csv", Self.number)
        directory.write("big.csv", String(repeating: "x\n", count: 2500) + Self.number)

        let included = try scan([root]) { $0.includeGlobs = [Glob("*.csv")] }
        #expect(
            included.findings.map(\.path).sorted() == [
                root + "/big.csv", root + "/hr/staff.csv", root + "/tmp/cache.csv",
            ])
        #expect(included.entries(.notIncluded).map(\.path) == [root + "/hr/notes.txt"])

        let excluded = try scan([root]) { $0.excludeGlobs = [Glob("tmp"), Glob("hr/*.txt")] }
        #expect(excluded.findings.map(\.path).sorted() == [root + "/big.csv", root + "/hr/staff.csv"])
        #expect(excluded.entries(.excluded).map(\.path) == [root + "/hr/notes.txt", root + "/tmp"])

        let limited = try scan([root]) { $0.maxFileSize = 1000 }
        #expect(limited.entries(.tooLarge).map(\.path) == [root + "/big.csv"])
        #expect(limited.findings.count == 3)
    }

    @Test func namesThatAreNotUTF8AreScannedAndEscaped() throws {
        let directory = TemporaryDirectory()
        // "マイ.csv" in Shift_JIS: 0x83 0x7D 0x83 0x43, not valid UTF-8.
        let name: [UInt8] = [0x83, 0x7D, 0x83, 0x43] + Array(".csv".utf8)
        let path = TargetPath(directory.path).appending(name)
        let fd = path.withCString { open($0, O_WRONLY | O_CREAT, 0o644) }
        #expect(fd >= 0)
        _ = Self.number.withCString { write(fd, $0, 12) }
        close(fd)
        let result = try scan([directory.path])
        #expect(result.findings.map(\.path) == [directory.path + "/\\x83}\\x83C.csv"])
    }

    @Test func eachFilesFindingsArriveTogetherAndSortedOutputIsSorted() throws {
        let directory = TemporaryDirectory()
        var generator = SyntheticIdentifiers(seed: 11)
        for index in 0..<40 {
            let lines = (0..<5).map { _ in "番号 \(generator.myNumber())" }.joined(separator: "\n")
            directory.write("f\(index % 4)/file\(index).txt", lines)
        }
        let result = try scan([directory.path]) {
            $0.threads = 4
            $0.sortByPath = true
        }
        #expect(result.batches.count == 40)
        for batch in result.batches {
            #expect(Set(batch.map(\.path)).count == 1)
            #expect(batch.map(\.line) == [1, 2, 3, 4, 5])
        }
        let paths = result.batches.map { $0[0].path }
        #expect(paths == paths.sorted())
    }

    @Test func globSemantics() {
        #expect(Glob("*.csv").matches(Array("a.csv".utf8)))
        #expect(!Glob("*.csv").matches(Array("d/a.csv".utf8)))
        #expect(Glob("**/a.csv").matches(Array("x/y/a.csv".utf8)))
        #expect(Glob("**/a.csv").matches(Array("a.csv".utf8)))
        #expect(Glob("a/**/b").matches(Array("a/b".utf8)))
        #expect(Glob("a/**/b").matches(Array("a/x/y/b".utf8)))
        #expect(Glob("f?le[0-9].t[!y]t").matches(Array("file7.txt".utf8)))
        #expect(!Glob("f?le[0-9].t[!x]t").matches(Array("file7.txt".utf8)))
        #expect(Glob("\\*.txt").matches(Array("*.txt".utf8)))
        #expect(!Glob("\\*.txt").matches(Array("a.txt".utf8)))
        // An unclosed class is a literal `[`, as in git.
        #expect(Glob("[unclosed").matches(Array("[unclosed".utf8)))
    }
}
