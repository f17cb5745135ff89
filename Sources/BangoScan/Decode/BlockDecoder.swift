/// Turns a target's bytes, read front to back, into UTF-8 blocks for the matcher.
///
/// Each block keeps enough decoded text from the one before that a match or its
/// keywords are never cut (the engine's context on either side of its report range),
/// so memory stays bounded by the block size whatever the size of the target. Without
/// a transcoder the bytes are taken as UTF-8 as they are (standard input).
struct BlockDecoder {
    private var reader: SequentialReader
    private let transcoder: Transcoder?
    private let blockSize: Int
    private let context: Int
    /// The size the target had when opened (nil for a stream).
    private let expectedSize: Int?
    private var block: [UInt8]
    /// Input bytes of a sequence cut by the previous block's end.
    private var pending: [UInt8] = []
    private var decoded: [UInt8] = []
    /// Where in `decoded` the next report range starts.
    private var reportStart = 0
    /// Decoded bytes already discarded from the front.
    private var droppedBytes = 0
    private var index = 0
    private var finished = false
    /// What decoding learned of the whole text.
    private(set) var invalidSequences = 0
    private(set) var readError: Int32?
    private(set) var truncated = false

    /// The number of blocks made so far.
    var blockCount: Int { index }
    /// Bytes of the target read so far (from its start, byte order mark included).
    var bytesRead: Int { reader.offset }

    init(reader: SequentialReader, transcoder: Transcoder?, blockSize: Int, context: Int, expectedSize: Int?) {
        self.reader = reader
        self.transcoder = transcoder
        self.blockSize = blockSize
        self.context = context
        self.expectedSize = expectedSize
        block = [UInt8](repeating: 0, count: blockSize)
        decoded.reserveCapacity(blockSize * 2 + context * 2)
        transcoder?.reset()
    }

    /// The next block, or nil after the final one (or after a read failed).
    mutating func next() -> TextBlock? {
        guard !finished else { return nil }
        let count: Int
        do {
            count = try fillBlock()
        } catch {
            readError = error.code
            finished = true
            return nil
        }
        let isFinal = count < blockSize || expectedSize.map { reader.offset >= $0 } ?? false
        if isFinal, let expectedSize, reader.offset < expectedSize { truncated = true }
        decode(count: count, isFinal: isFinal)
        // Report all but the last `context` bytes, which the next block's matches may
        // need as lookbehind and which may start a match that continues there.
        var reportEnd = isFinal ? decoded.count : max(reportStart, decoded.count - context)
        while reportEnd > reportStart && reportEnd < decoded.count && decoded[reportEnd] & 0xC0 == 0x80 {
            reportEnd -= 1
        }
        let made = TextBlock(
            index: index, text: decoded, reportRange: reportStart..<reportEnd, isTextStart: droppedBytes == 0,
            isFinal: isFinal)
        index += 1
        if isFinal {
            finished = true
            return made
        }
        // The block keeps its text; the next starts from a copy of the context only.
        let keepFrom = max(0, reportEnd - context)
        var following: [UInt8] = []
        following.reserveCapacity(blockSize * 2 + context * 2)
        following += decoded[keepFrom...]
        decoded = following
        droppedBytes += keepFrom
        reportStart = reportEnd - keepFrom
        return made
    }

    /// Reads until the block is full or the bytes end.
    private mutating func fillBlock() throws(ReadFailure) -> Int {
        var filled = 0
        while filled < blockSize {
            // SAFETY: the reader fills at most the block's bytes from `filled` on (`filled` < blockSize = block.count),
            // and the view does not leave the closure.
            let count = try block.withUnsafeMutableBytes { raw in
                Result { () throws(ReadFailure) in
                    try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                }
            }.get()
            if count == 0 { break }
            filled += count
            if let expectedSize, reader.offset >= expectedSize { break }
        }
        return filled
    }

    /// Appends the UTF-8 of the first `count` bytes of `block` to `decoded`.
    private mutating func decode(count: Int, isFinal: Bool) {
        guard let transcoder else {
            decoded += block[0..<count]
            return
        }
        // A character cut by the previous block's end is finished first, from its bytes
        // and the next few; the block itself is then decoded where it lies.
        var start = 0
        if !pending.isEmpty {
            let joint = pending + block[0..<min(count, 4)]
            // SAFETY: each view lives only for its decode call, over `joint` or over block[start..<count], with start ≤
            // count ≤ block.count.
            let result = joint.withUnsafeBytes { transcoder.decode($0, isFinal: isFinal && count <= 4, into: &decoded) }
            invalidSequences += result.invalid
            if result.consumed < pending.count {
                // Still incomplete: keep everything for the next block.
                pending = Array(pending[result.consumed...]) + block[0..<count]
                start = count
            } else {
                start = min(count, result.consumed - pending.count)
                pending = []
            }
        }
        if start < count || isFinal {
            // SAFETY: the view covers block[start..<count], start ≤ count ≤ block.count, and lives only for the decode
            // call.
            let result = block.withUnsafeBytes { raw in
                transcoder.decode(
                    UnsafeRawBufferPointer(rebasing: raw[start..<count]), isFinal: isFinal, into: &decoded)
            }
            invalidSequences += result.invalid
            pending += block[(start + result.consumed)..<count]
        }
    }
}
