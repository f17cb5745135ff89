import BangoCore
import Testing

@testable import BangoScan

/// git's raw-plus-patch output, as the git sources read it: written out here byte for
/// byte as git 2.39 prints it, so that each case is pinned to the format.
@Suite struct GitDiffParserTests {
    static let zeros = String(repeating: "0", count: 40)
    static let old = String(repeating: "a", count: 40)
    static let new = String(repeating: "b", count: 40)

    static func raw(_ status: String, _ paths: [String], oldMode: String = "100644", newMode: String = "100644")
        -> String
    {
        ":\(oldMode) \(newMode) \(old) \(new) \(status)\0" + paths.map { $0 + "\0" }.joined()
    }

    func parse(_ text: String) throws -> [GitChange] { try GitDiffParser.parse(Array(text.utf8)[...]) }

    @Test func hunksGiveTheAddedLinesInTheNewFile() throws {
        let text =
            Self.raw("M", ["f.txt"]) + "\0"
            + "diff --git a/f.txt b/f.txt\nindex \(Self.old)..\(Self.new) 100644\n--- a/f.txt\n+++ b/f.txt\n"
            + "@@ -1,0 +2 @@ a\n+x\n@@ -2,2 +4,3 @@ b\n-old\n-old\n+n1\n+n2\n+n3\n@@ -9 +11,0 @@\n-gone\n"
        let changes = try parse(text)
        #expect(changes.count == 1)
        #expect(changes[0].addedLines.ranges == [2...2, 4...6])
        #expect(changes[0].addsContent)
        #expect(changes[0].newBlob == Self.new)
    }

    @Test func contentLinesThatLookLikeHeadersStayContent() throws {
        // Inside a hunk, `+diff --git` and `+@@ -1 +1 @@` are added lines, not structure.
        let text =
            Self.raw("A", ["patch.txt"]) + "\0" + "diff --git a/patch.txt b/patch.txt\nnew file mode 100644\n"
            + "--- /dev/null\n+++ b/patch.txt\n@@ -0,0 +1,3 @@\n+diff --git a/x b/x\n+@@ -1 +1 @@\n+Binary files a b differ\n"
            + "\\ No newline at end of file\n"
        let changes = try parse(text)
        #expect(changes[0].addedLines.ranges == [1...3])
        #expect(!changes[0].isBinary)
    }

    @Test func binaryRenamesTypeChangesAndDeletions() throws {
        let text =
            Self.raw("A", ["doc.xlsx"]) + Self.raw("R100", ["old.txt", "new.txt"])
            + Self.raw("T", ["link"], newMode: "120000") + Self.raw("D", ["gone.txt"]) + Self.raw("M", ["after.txt"])
            + "\0"
            + "diff --git a/doc.xlsx b/doc.xlsx\nnew file mode 100644\nindex 0..1\nBinary files /dev/null and b/doc.xlsx differ\n"
            + "diff --git a/old.txt b/new.txt\nsimilarity index 100%\nrename from old.txt\nrename to new.txt\n"
            + "diff --git a/link b/link\ndeleted file mode 100644\n--- a/link\n+++ /dev/null\n@@ -1 +0,0 @@\n-text\n"
            + "diff --git a/link b/link\nnew file mode 120000\n--- /dev/null\n+++ b/link\n@@ -0,0 +1 @@\n+target\n"
            + "diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\n--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
            + "diff --git a/after.txt b/after.txt\n--- a/after.txt\n+++ b/after.txt\n@@ -1 +1 @@\n-a\n+b\n"
        let changes = try parse(text)
        #expect(
            changes.map { String(decoding: $0.path, as: UTF8.self) } == [
                "doc.xlsx", "new.txt", "link", "gone.txt", "after.txt",
            ])
        #expect(changes[0].isBinary && changes[0].addsContent)
        #expect(!changes[1].addsContent)  // a pure rename adds nothing
        #expect(changes[2].addedLines.ranges == [1...1] && !changes[2].addsContent)  // a symlink holds no content
        #expect(!changes[3].addsContent)
        // The type change's two sections did not shift the pairing of the ones after it.
        #expect(changes[4].addedLines.ranges == [1...1])
    }

    @Test func workingTreeFilesHaveNoBlob() throws {
        let text =
            ":100644 100644 \(Self.old) \(Self.zeros) M\0f.txt\0\0diff --git a/f.txt b/f.txt\n--- a/f.txt\n+++ b/f.txt\n@@ -0,0 +1 @@\n+x\n"
        #expect(try parse(text)[0].isInWorkingTree)
    }

    @Test func malformedOutputIsAnErrorNotACrash() {
        #expect(throws: GitError.self) { try parse(":100644 100644 short\0") }
        #expect(throws: GitError.self) { try parse(":100644 100644 \(Self.old) \(Self.new) M\0unterminated") }
        // A bad hunk header is quoted up to its ranges only: git prints a line of the
        // file after them, which may hold the very value being looked for.
        let secret = "TOKEN-1234"
        #expect {
            try parse(Self.raw("M", ["f"]) + "\0diff --git a/f b/f\n@@ -x +y @@ \(secret)\n")
        } throws: { error in
            "\(error)".contains("@@ -x +y") && !"\(error)".contains(secret)
        }
        #expect(throws: GitError.self) {
            try parse(Self.raw("M", ["f"]) + "\0diff --git a/f b/f\ndiff --git a/g b/g\n")
        }
    }

    @Test func logRecordsSplitAtCommitHeadersWhateverTheReadSize() throws {
        let first =
            "\u{1}" + String(repeating: "1", count: 40) + " 2026-01-01T10:00:00+09:00\0\n"
            + Self.raw("A", ["a.txt"])
            + "\0diff --git a/a.txt b/a.txt\n--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1,2 @@\n+x\u{1}y\n+z\n"
        let empty = "\u{1}" + String(repeating: "2", count: 40) + " 2026-01-02T10:00:00+09:00\0"
        let last =
            "\u{1}" + String(repeating: "3", count: 40) + " 2026-01-03T10:00:00+09:00\0\n"
            + Self.raw("M", ["b.txt"]) + "\0diff --git a/b.txt b/b.txt\n--- a/b.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-a\n+b\n"
        let stream = Array((first + empty + last).utf8)
        for size in [1, 7, 64, stream.count] {
            var reader = GitLogReader()
            var seen: [(String, [ClosedRange<Int>])] = []
            var offset = 0
            while offset < stream.count {
                let end = min(stream.count, offset + size)
                try reader.append(stream[offset..<end]) {
                    seen.append(($0.stamp.id, $0.changes.first?.addedLines.ranges ?? []))
                }
                offset = end
            }
            try reader.finish { seen.append(($0.stamp.id, $0.changes.first?.addedLines.ranges ?? [])) }
            #expect(seen.map(\.0) == ["1", "2", "3"].map { String(repeating: $0, count: 40) }, "read size \(size)")
            #expect(seen.map(\.1) == [[1...2], [], [1...1]], "read size \(size)")
        }
    }
}
