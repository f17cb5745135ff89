/// Splits the stream `git log -z --raw -p --format=%x01%H %aI` prints into one record
/// per commit, holding at most one commit's output at a time.
///
/// Every record starts with the byte 0x01 that the format puts there. It can be told
/// from content: it comes first, or right after the newline that ends a patch line or
/// the NUL that ends a header or raw entry, and patch lines never start with it.
struct GitLogReader {
    /// One commit: its id, author date and changes.
    struct Commit {
        var stamp: CommitStamp
        var changes: [GitChange]
    }

    private var pending: [UInt8] = []
    /// Where the search for the next record start resumes in `pending`.
    private var searched = 1

    /// Adds bytes read from git and calls `body` for every commit now complete.
    mutating func append(_ bytes: ArraySlice<UInt8>, _ body: (Commit) throws(GitError) -> Void) throws(GitError) {
        pending.append(contentsOf: bytes)
        while let next = nextRecordStart() {
            let commit = try Self.commit(pending[..<next])
            pending.removeFirst(next)
            searched = 1
            try body(commit)
        }
    }

    /// The last commit, once git has finished.
    mutating func finish(_ body: (Commit) throws(GitError) -> Void) throws(GitError) {
        guard !pending.isEmpty else { return }
        let commit = try Self.commit(pending[...])
        pending.removeAll()
        try body(commit)
    }

    private mutating func nextRecordStart() -> Int? {
        var index = searched
        while index < pending.count {
            guard let found = pending[index...].firstIndex(of: 0x01) else { break }
            let before = pending[found - 1]
            if before == 0x0A || before == 0 { return found }
            index = found + 1
        }
        searched = max(1, pending.count)
        return nil
    }

    /// `\x01<id> <author date>` NUL, a newline when changes follow, then the changes.
    static func commit(_ record: ArraySlice<UInt8>) throws(GitError) -> Commit {
        guard record.first == 0x01, let headerEnd = record.firstIndex(of: 0) else {
            throw .malformedOutput("log record without a commit header")
        }
        let header = record[(record.startIndex + 1)..<headerEnd].split(separator: UInt8(ascii: " "))
        guard header.count == 2 else { throw .malformedOutput("log header") }
        var body = headerEnd + 1
        if body < record.endIndex, record[body] == 0x0A { body += 1 }
        let stamp = CommitStamp(
            id: String(decoding: header[0], as: UTF8.self), authorDate: String(decoding: header[1], as: UTF8.self))
        return Commit(stamp: stamp, changes: try GitDiffParser.parse(record[body...]))
    }
}
