/// Reads blobs from one long-lived `git cat-file --batch`: a history of thousands of
/// commits costs one process, not one per blob.
final class GitBlobReader {
    private let process: GitProcess
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0

    /// What asking for a blob gave.
    enum Blob {
        case bytes([UInt8])
        /// Larger than the limit: its bytes were read past, not kept.
        case tooLarge(size: Int)
        case missing
    }

    init(repository: String) throws(GitError) {
        process = try GitProcess(["cat-file", "--batch"], in: repository, withInput: true)
    }

    /// The blob `id`, or `.tooLarge` when it has more than `limit` bytes.
    func blob(_ id: String, limit: Int) throws(GitError) -> Blob {
        try process.write(Array((id + "\n").utf8))
        let header = try line()
        // `<id> <type> <size>`, or `<id> missing`.
        let fields = header.split(separator: UInt8(ascii: " "))
        if fields.count == 2, fields[1].elementsEqual("missing".utf8) { return .missing }
        guard fields.count == 3, let size = Int(String(decoding: fields[2], as: UTF8.self)), size >= 0 else {
            throw .malformedOutput("cat-file header `\(String(decoding: header.prefix(120), as: UTF8.self))`")
        }
        if size > limit {
            try skip(size + 1)
            return .tooLarge(size: size)
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(size)
        try take(size) { bytes.append(contentsOf: $0) }
        try skip(1)  // the newline after the contents
        return .bytes(bytes)
    }

    func close() throws(GitError) { try process.finish() }

    /// Refills the buffer once it has been consumed.
    private func fill() throws(GitError) {
        let count = try process.read(into: &buffer)
        guard count > 0 else { throw .malformedOutput("cat-file ended early") }
        end = count
        start = 0
    }

    private func line() throws(GitError) -> [UInt8] {
        var line: [UInt8] = []
        while true {
            if start == end { try fill() }
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                line.append(contentsOf: buffer[start..<newline])
                start = newline + 1
                return line
            }
            line.append(contentsOf: buffer[start..<end])
            start = end
        }
    }

    private func take(_ count: Int, into append: (ArraySlice<UInt8>) -> Void) throws(GitError) {
        var left = count
        while left > 0 {
            if start == end { try fill() }
            let piece = min(left, end - start)
            append(buffer[start..<start + piece])
            start += piece
            left -= piece
        }
    }

    private func skip(_ count: Int) throws(GitError) { try take(count) { _ in } }
}
