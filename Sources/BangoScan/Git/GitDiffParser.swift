/// Reads what `git diff --raw -p -z -U0` (or one commit of `git log` with the same
/// options) prints: the raw entries, NUL-terminated, then the patch.
///
/// The raw entries name each file with its status, new mode and new blob; the patch
/// says which lines were added (hunk headers `@@ -a,b +c,d @@` with no context lines) or
/// that the file is binary. Patch sections follow the raw entries in the same order,
/// one per entry, except that a type change (`T`) prints two: the old file's deletion,
/// then the new file's addition.
enum GitDiffParser {
    static func parse(_ bytes: ArraySlice<UInt8>) throws(GitError) -> [GitChange] {
        var cursor = bytes.startIndex
        var changes: [GitChange] = []
        while cursor < bytes.endIndex, bytes[cursor] == UInt8(ascii: ":") {
            changes.append(try rawEntry(bytes, at: &cursor))
        }
        // The raw entries end with one more NUL before the patch.
        if cursor < bytes.endIndex, bytes[cursor] == 0 { cursor += 1 }
        try attachPatch(bytes[cursor...], to: &changes)
        return changes
    }

    /// `:oldmode newmode oldblob newblob STATUS[score]` NUL `path` NUL [`newpath` NUL].
    private static func rawEntry(_ bytes: ArraySlice<UInt8>, at cursor: inout Int) throws(GitError) -> GitChange {
        let header = try field(bytes, at: &cursor)
        let parts = header.dropFirst().split(separator: UInt8(ascii: " "))
        guard parts.count == 5, let status = parts[4].first else {
            throw .malformedOutput("raw diff entry `\(String(decoding: header.prefix(120), as: UTF8.self))`")
        }
        var path = Array(try field(bytes, at: &cursor))
        if status == UInt8(ascii: "R") || status == UInt8(ascii: "C") { path = Array(try field(bytes, at: &cursor)) }
        return GitChange(
            status: status, path: path, newMode: String(decoding: parts[1], as: UTF8.self),
            newBlob: String(decoding: parts[3], as: UTF8.self))
    }

    private static func field(_ bytes: ArraySlice<UInt8>, at cursor: inout Int) throws(GitError) -> ArraySlice<UInt8> {
        guard let end = bytes[cursor...].firstIndex(of: 0) else {
            throw .malformedOutput("unterminated raw diff entry")
        }
        defer { cursor = end + 1 }
        return bytes[cursor..<end]
    }

    /// Walks the patch line by line, giving each section's added lines and binary flag to
    /// its raw entry.
    private static func attachPatch(_ patch: ArraySlice<UInt8>, to changes: inout [GitChange]) throws(GitError) {
        var entry = -1
        var pendingSecondSection = false
        /// Content lines left in the current hunk (removed plus added), skipped: with no
        /// context lines, the header alone says which lines were added.
        var remainingInHunk = 0
        var lineStart = patch.startIndex
        while lineStart < patch.endIndex {
            let lineEnd = patch[lineStart...].firstIndex(of: 0x0A) ?? patch.endIndex
            let line = patch[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            if remainingInHunk > 0 {
                // "\ No newline at end of file" is not a content line.
                if line.first != UInt8(ascii: "\\") { remainingInHunk -= 1 }
                continue
            }
            if line.starts(with: diffHeader) || line.starts(with: unmergedHeader) {
                if pendingSecondSection {
                    pendingSecondSection = false
                } else {
                    entry += 1
                    guard entry < changes.count else { throw .malformedOutput("more patch sections than raw entries") }
                    pendingSecondSection = changes[entry].status == UInt8(ascii: "T")
                }
                continue
            }
            guard entry >= 0 else { continue }
            if line.starts(with: hunkHeader) {
                guard let hunk = Hunk(line) else {
                    // Only the ranges are quoted: after them git prints a line of the file.
                    let ranges = Array(line.split(separator: UInt8(ascii: " ")).prefix(3).joined(separator: [0x20]))
                    throw .malformedOutput("hunk header `\(String(decoding: ranges.prefix(80), as: UTF8.self))`")
                }
                remainingInHunk = hunk.removed + hunk.added
                if hunk.added > 0 {
                    changes[entry].addedLines.insert(hunk.firstAdded...(hunk.firstAdded + hunk.added - 1))
                }
            } else if line.starts(with: binaryNotice) || line.starts(with: binaryPatch) {
                changes[entry].isBinary = true
            }
        }
        // In the section that deletes a type-changed file's old self, lines are removed
        // only, so nothing was attributed to it.
    }

    private static let diffHeader = Array("diff --git ".utf8)
    private static let unmergedHeader = Array("* Unmerged path ".utf8)
    private static let hunkHeader = Array("@@ -".utf8)
    private static let binaryNotice = Array("Binary files ".utf8)
    private static let binaryPatch = Array("GIT binary patch".utf8)

    /// `@@ -a[,b] +c[,d] @@`: counts default to 1.
    struct Hunk {
        var removed: Int
        var firstAdded: Int
        var added: Int

        init?(_ line: ArraySlice<UInt8>) {
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 3)
            guard fields.count >= 3, fields[1].first == UInt8(ascii: "-"), fields[2].first == UInt8(ascii: "+"),
                let old = Self.range(fields[1].dropFirst()), let new = Self.range(fields[2].dropFirst())
            else { return nil }
            removed = old.count
            firstAdded = new.start
            added = new.count
        }

        private static func range(_ text: ArraySlice<UInt8>) -> (start: Int, count: Int)? {
            let parts = text.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            guard let start = Int(String(decoding: parts[0], as: UTF8.self)) else { return nil }
            guard parts.count > 1 else { return (start, 1) }
            guard parts.count == 2, let count = Int(String(decoding: parts[1], as: UTF8.self)) else { return nil }
            return (start, count)
        }
    }
}
