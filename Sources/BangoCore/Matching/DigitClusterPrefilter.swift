/// A run of digits that may hold an identifier: ASCII or full-width digits, where two
/// consecutive digits may be separated by exactly one separator character.
public struct DigitCluster: Sendable, Equatable {
    /// Byte range from the first digit to the end of the last digit.
    public var range: Range<Int>
    /// How many digits the run holds.
    public var digits: Int
    /// The lengths of the maximal separator-free digit runs inside the cluster, as a bit
    /// set (bit n: a run of n digits; bit 63: 63 or more). `2024-01-15` holds runs of 4
    /// and 2; a bounded 8-digit match needs bit 8.
    public var runLengths: UInt64 = 0
    /// The first eight run lengths in order, a byte each (lowest byte first), and how
    /// many runs there are in all: `2024-01-15` is (4, 2, 2), a phone number
    /// `090-1234-5678` is (3, 4, 4).
    public var runSequence: UInt64 = 0
    public var runCount = 0

    /// Whether the runs contain `shape` as a contiguous sequence (a `d-dddd-dddd-dddd`
    /// corporate number is the shape 1.4.4.4). The shape is packed like `runSequence`
    /// (`count` lengths, a byte each, lowest first), so the hot loop handles no arrays.
    /// Clusters of more than eight runs are not recorded in full and always qualify.
    @inline(__always)
    func contains(packedShape shape: UInt64, count: Int) -> Bool {
        guard runCount <= 8 else { return true }
        guard count <= runCount else { return false }
        let mask: UInt64 = count >= 8 ? ~0 : (1 << UInt64(8 * count)) - 1
        for start in 0...(runCount - count) where (runSequence >> UInt64(8 * start)) & mask == shape {
            return true
        }
        return false
    }
}

/// The matcher's prefilter for numeric identifiers: one pass over the bytes that finds
/// digit clusters worth handing to PCRE2.
///
/// It counts no newlines: most clusters yield nothing, and counting up to every cluster
/// cost more than the search once the catalogue looks at clusters of six digits (every
/// `id=644193` of a log). The worker counts lines up to its candidates instead.
///
/// Contract (as in ripgrep's matcher): it may report clusters in which no detector
/// matches, but a match of any digit-triggered detector always lies inside a reported
/// cluster, because every such match is a run of at least `minimumDigits` digits whose
/// gaps are single separators.
///
/// The hot loop looks at 16 bytes at a time and drops to a byte loop only for blocks
/// that hold an ASCII digit or the byte 0xEF, which leads every full-width digit.
public enum DigitClusterPrefilter {
    /// The separators that may stand between two digits of one identifier: space,
    /// U+3000 ideographic space, `-`, `－` (U+FF0D), `‐` (U+2010), `−` (U+2212),
    /// `ー` (U+30FC, typed for a dash in Japanese text) and `.`.
    public static let separators: [Unicode.Scalar] = [
        " ", "\u{3000}", "-", "\u{FF0D}", "\u{2010}", "\u{2212}", "\u{30FC}", ".",
    ]

    /// What the caller knows in advance about clusters that are one ASCII run of fewer
    /// than eight digits (bit d: a run of d digits), the commonest clusters there are
    /// (`id=644193`, `469144,`): those the caller would drop need no walk and no call.
    /// The prefilter may still report such a cluster (near the buffer's end, or when a
    /// multi-byte character follows it), so the caller keeps its own checks.
    public struct ShortRunRule: Sendable, Equatable {
        /// Runs of these lengths interest no detector.
        public var ignored: UInt64
        /// Runs of these lengths interest only detectors that want a Latin letter just
        /// before the digits (see ``followsLetter(_:in:)``).
        public var needsLetterBefore: UInt64

        public init(ignored: UInt64 = 0, needsLetterBefore: UInt64 = 0) {
            self.ignored = ignored
            self.needsLetterBefore = needsLetterBefore
        }
    }

    /// Scans `buffer[range]`, calling `onCluster` for each cluster of at least
    /// `minimumDigits` digits that starts in the range (or is under way at its start: the
    /// cluster is then reported from its true start, as far back as the buffer goes),
    /// except short runs that `shortRuns` rules out. Clusters may run past the end of the
    /// range, up to the end of the buffer.
    public static func scan(
        _ buffer: UnsafeRawBufferPointer, range: Range<Int>, minimumDigits: Int, shortRuns: ShortRunRule = .init(),
        onCluster: (DigitCluster) -> Void
    ) {
        // SAFETY: every read below is at an index < `limit` = buffer.count (block loads
        // check `position + 16 <= end` first), so no access leaves the caller's buffer.
        guard let base = buffer.baseAddress, !range.isEmpty else { return }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        let limit = buffer.count
        let end = range.upperBound
        var position = range.lowerBound

        // A cluster under way at the start of the range belongs to this range too.
        if position > 0, let start = clusterStart(bytes, containing: position, limit: limit) {
            let cluster = walkCluster(bytes, from: start, limit: limit)
            if cluster.end > position, cluster.digits >= minimumDigits {
                onCluster(
                    DigitCluster(
                        range: start..<cluster.end, digits: cluster.digits, runLengths: cluster.runs,
                        runSequence: cluster.sequence, runCount: cluster.count))
            }
            position = max(position, cluster.end)
        }

        let zero = SIMD16<UInt8>(repeating: 0x30)
        let ten = SIMD16<UInt8>(repeating: 10)
        let lead = SIMD16<UInt8>(repeating: 0xEF)
        // Most digit runs (days, times, quantities) are short and end their cluster:
        // they are skipped without a walk.
        while position < end {
            if position + 16 <= end {
                // Jump straight to the block's first digit (or 0xEF): in digit-dense
                // text nearly every block holds one. The compare mask's lanes are bytes
                // of 0xFF or 0x00, read as two 64-bit words to find the first set lane
                // (Swift's SIMD types pack lanes into bits slowly).
                // SAFETY: the 16-byte load starts at `position` with `position + 16 <= end` ≤ buffer.count, checked
                // just above; unsafeBitCast reinterprets a 16-byte SIMD mask as two 64-bit words, which have the same
                // size.
                let block = UnsafeRawPointer(bytes + position).loadUnaligned(as: SIMD16<UInt8>.self)
                let interesting = unsafeBitCast(((block &- zero) .< ten) .| (block .== lead), to: SIMD2<UInt64>.self)
                if interesting[0] | interesting[1] == 0 {
                    position += 16
                    continue
                }
                position +=
                    (interesting[0] != 0
                        ? interesting[0].trailingZeroBitCount : 64 + interesting[1].trailingZeroBitCount) >> 3
            }
            if position + 8 <= limit, let run = shortASCIIRun(bytes, at: position, limit: limit) {
                // The whole cluster is this run: decide without walking it.
                let bit = UInt64(1) << UInt64(run)
                let wanted =
                    run >= minimumDigits && shortRuns.ignored & bit == 0
                    && (shortRuns.needsLetterBefore & bit == 0 || followsLetter(position, in: buffer))
                if wanted {
                    onCluster(
                        DigitCluster(
                            range: position..<(position + run), digits: run, runLengths: bit, runSequence: UInt64(run),
                            runCount: 1))
                }
                position += run
                continue
            }
            if digitWidth(bytes, at: position, limit: limit) > 0 {
                let cluster = walkCluster(bytes, from: position, limit: limit)
                if cluster.digits >= minimumDigits {
                    onCluster(
                        DigitCluster(
                            range: position..<cluster.end, digits: cluster.digits, runLengths: cluster.runs,
                            runSequence: cluster.sequence, runCount: cluster.count))
                }
                position = cluster.end
            } else {
                position += 1
            }
        }
    }

    /// The length of the ASCII digit run at `position` when it is shorter than eight
    /// digits and certainly a whole cluster (what follows is neither a digit nor a
    /// separator before a digit), else nil. Needs `position + 8 <= limit`.
    @inline(__always)
    static func shortASCIIRun(_ bytes: UnsafePointer<UInt8>, at position: Int, limit: Int) -> Int? {
        let run = asciiDigits(bytes, at: position)
        guard run > 0, run < 8 else { return nil }
        let next = bytes[position + run]
        switch next {
        case 0x20, 0x2D, 0x2E:  // an ASCII separator: the cluster goes on if a digit follows
            let after = position + run + 1
            return after < limit && digitWidth(bytes, at: after, limit: limit) > 0 ? nil : run
        case 0xE2, 0xE3, 0xEF:  // may lead a full-width digit or a multi-byte separator
            return nil
        default:
            return run
        }
    }

    /// How many of the eight bytes at `position` are ASCII digits before the first that
    /// is not (8: all of them), by SWAR: a byte is a digit when its XOR with 0x30 is below
    /// 10, and bit 7 of each byte of `nonDigit` marks the others. Needs `position + 8`
    /// bytes.
    @inline(__always)
    static func asciiDigits(_ bytes: UnsafePointer<UInt8>, at position: Int) -> Int {
        // SAFETY: the callers check `position + 8 <= limit`, the buffer's end.
        let word = UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self)
        let offset = word ^ 0x3030_3030_3030_3030
        let nonDigit = (((offset & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | offset) & 0x8080_8080_8080_8080
        return nonDigit.trailingZeroBitCount >> 3  // 64 >> 3 = 8 when there is none
    }

    /// Whether a Latin letter (ASCII, or full-width `Ａ`–`Ｚ`, `ａ`–`ｚ`) ends just before
    /// `offset`, or just before a space or hyphen that does (`AB123456`, `NL91 ABNA 0417`).
    public static func followsLetter(_ offset: Int, in buffer: UnsafeRawBufferPointer) -> Bool {
        func letterEnds(at end: Int) -> Bool {
            guard end > 0 else { return false }
            if LiteralScanner.isLetter(buffer[end - 1]) { return true }
            guard end >= 3, buffer[end - 3] == 0xEF else { return false }
            let second = buffer[end - 2]
            let third = buffer[end - 1]
            return second == 0xBC && (0xA1...0xBA).contains(third) || second == 0xBD && (0x81...0x9A).contains(third)
        }
        return letterEnds(at: offset)
            || offset > 0 && (buffer[offset - 1] == 0x20 || buffer[offset - 1] == 0x2D) && letterEnds(at: offset - 1)
    }

    /// Walks forward from a digit over digits and single separators.
    @inline(__always)
    static func walkCluster(
        _ bytes: UnsafePointer<UInt8>, from start: Int, limit: Int
    ) -> (end: Int, digits: Int, runs: UInt64, sequence: UInt64, count: Int) {
        var position = start
        var digits = 0
        var end = start
        var run = 0
        var runs: UInt64 = 0
        var sequence: UInt64 = 0
        var count = 0
        while position < limit {
            if position + 8 <= limit {
                // Most clusters are one ASCII run, walked in one or two steps.
                let ascii = asciiDigits(bytes, at: position)
                if ascii > 0 {
                    digits += ascii
                    run += ascii
                    position += ascii
                    end = position
                    if ascii == 8 { continue }
                }
            }
            let width = digitWidth(bytes, at: position, limit: limit)
            if width > 0 {
                digits += 1
                run += 1
                position += width
                end = position
                continue
            }
            let separator = separatorWidth(bytes, at: position, limit: limit)
            guard separator > 0, position + separator < limit,
                digitWidth(bytes, at: position + separator, limit: limit) > 0
            else { break }
            runs |= UInt64(1) << UInt64(min(run, 63))
            if count < 8 { sequence |= UInt64(min(run, 255)) << UInt64(8 * count) }
            count += 1
            run = 0
            position += separator
        }
        runs |= UInt64(1) << UInt64(min(run, 63))
        if count < 8 { sequence |= UInt64(min(run, 255)) << UInt64(8 * count) }
        count += 1
        return (end, digits, runs, sequence, count)
    }

    /// If a cluster is under way at `position` (the characters just before it are
    /// digits, or a separator between a digit and the digit at `position`), returns the
    /// cluster's first byte.
    static func clusterStart(_ bytes: UnsafePointer<UInt8>, containing position: Int, limit: Int) -> Int? {
        var start: Int? = nil
        var cursor = position
        // Whether the character after `cursor` is a digit, which lets a separator join.
        var digitFollows = position < limit && digitWidth(bytes, at: position, limit: limit) > 0
        while cursor > 0 {
            if let width = digitWidth(endingAt: cursor, bytes) {
                cursor -= width
                start = cursor
                digitFollows = true
            } else if digitFollows, let width = separatorWidth(endingAt: cursor, bytes),
                cursor - width > 0, digitWidth(endingAt: cursor - width, bytes) != nil
            {
                cursor -= width
                digitFollows = false
            } else {
                break
            }
        }
        return start
    }

    /// Width of the digit starting at `position` (1 ASCII, 3 full-width) or 0.
    @inline(__always)
    static func digitWidth(_ bytes: UnsafePointer<UInt8>, at position: Int, limit: Int) -> Int {
        let byte = bytes[position]
        if byte &- 0x30 < 10 { return 1 }
        if byte == 0xEF, position + 2 < limit, bytes[position + 1] == 0xBC,
            bytes[position + 2] &- 0x90 < 10
        {
            return 3
        }
        return 0
    }

    /// Width of the separator starting at `position` or 0.
    @inline(__always)
    static func separatorWidth(_ bytes: UnsafePointer<UInt8>, at position: Int, limit: Int) -> Int {
        let byte = bytes[position]
        if byte == 0x20 || byte == 0x2D || byte == 0x2E { return 1 }
        guard position + 2 < limit else { return 0 }
        let second = bytes[position + 1]
        let third = bytes[position + 2]
        switch (byte, second, third) {
        case (0xE3, 0x80, 0x80),  // U+3000 ideographic space
            (0xEF, 0xBC, 0x8D),  // U+FF0D full-width hyphen-minus
            (0xE2, 0x80, 0x90),  // U+2010 hyphen
            (0xE2, 0x88, 0x92),  // U+2212 minus sign
            (0xE3, 0x83, 0xBC):  // U+30FC katakana prolonged sound mark
            return 3
        default:
            return 0
        }
    }

    /// Width of the digit ending just before `end`, or nil.
    @inline(__always)
    static func digitWidth(endingAt end: Int, _ bytes: UnsafePointer<UInt8>) -> Int? {
        if bytes[end - 1] &- 0x30 < 10 { return 1 }
        if end >= 3, bytes[end - 3] == 0xEF, bytes[end - 2] == 0xBC, bytes[end - 1] &- 0x90 < 10 { return 3 }
        return nil
    }

    /// Width of the separator ending just before `end`, or nil.
    @inline(__always)
    static func separatorWidth(endingAt end: Int, _ bytes: UnsafePointer<UInt8>) -> Int? {
        let byte = bytes[end - 1]
        if byte == 0x20 || byte == 0x2D || byte == 0x2E { return 1 }
        if end >= 3, separatorWidth(bytes, at: end - 3, limit: end) == 3 { return 3 }
        return nil
    }
}
