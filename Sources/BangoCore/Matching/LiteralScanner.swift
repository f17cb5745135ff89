import Foundation
import Hyperscan

/// Finds every occurrence of every keyword and every trigger literal of a scan's
/// detectors in one pass (`個人番号`, `card number`, `AKIA`, `-----BEGIN`, `@`, …).
///
/// Where Hyperscan runs (x86-64 with SSSE3, or Vectorscan elsewhere) the pass is
/// Hyperscan's: its SIMD literal engine found the 258 built-in patterns in the benchmark
/// corpus at 1.9 GB/s a core, where the portable pass below manages 0.6 GB/s. Hyperscan
/// only finds the bytes; the word rule below is applied here, to both passes alike.
///
/// The portable pass watches a pattern of three bytes or more is watched through one three-byte *window* of it,
/// the one a rough frequency model of text and code ranks rarest. The pass hashes the
/// three bytes at every position of the text into a table of 65,536 entries that marks
/// each pattern's window, and compares whole patterns only where a mark is set. Every
/// position's test is independent of the others, so the loop runs at the processor's
/// throughput rather than at the latency of a state machine's chain of loads (an
/// Aho-Corasick automaton, the earlier design, ran at 340 MB/s on the benchmark corpus,
/// this at 500–670 MB/s).
/// Shorter patterns (`@`) are found by comparing 16 bytes at a time with their first
/// byte. Like the digit prefilter it never misses an occurrence: every occurrence holds
/// its window, and every window is marked.
///
/// Keywords match as byte substrings, which is what Japanese needs (it has no word
/// boundaries) and German compounds too (`Personalausweis`), and ASCII letters in them
/// match case-insensitively; but a keyword of three ASCII letters or digits or fewer
/// (`SIN`, `NAS`, `CVV`, `tel`, `exp`) counts only as a whole word, as inside `using`,
/// `hotel` or `expect` it names nothing. A trigger literal is case-sensitive unless its
/// detector says otherwise, and always a substring. One pattern may be both.
public final class LiteralScanner: Sendable {
    /// An occurrence: its byte range, the detectors whose keyword it is and the
    /// detectors it triggers (bit i = detector i).
    public struct Hit: Sendable, Equatable {
        public var range: Range<Int>
        public var keywordDetectors: DetectorMask
        public var triggerDetectors: DetectorMask
    }

    /// What one pattern is for; keywords are case-insensitive, literals as declared.
    public enum Role: Sendable {
        case keyword
        case trigger(caseInsensitive: Bool)
    }

    /// A pattern as plain values, its bytes in ``patternBytes``, so the hot loop copies
    /// no array (and retains nothing) when it verifies one.
    struct Entry {
        let start: Int
        let count: Int
        /// Where the watched window sits in the pattern (long patterns only).
        let windowOffset: Int
        let caseInsensitive: Bool
        /// Counts only when no ASCII letter or digit touches it on either side.
        let wholeWord: Bool
        let keywordDetectors: DetectorMask
        let triggerDetectors: DetectorMask
        /// The window's hash (long patterns only).
        let hash: Int
    }

    static let windowLength = 3
    static let tableBits = 16

    private let entries: [Entry]
    private let patternBytes: [UInt8]
    /// One byte per window hash: 1 when some pattern's window hashes there.
    private let windowTable: [UInt8]
    /// Long-pattern entries grouped by the top bits of their hash: entries
    /// `bucketEntries[bucketStart[b]..<bucketStart[b + 1]]`.
    private let bucketStart: [Int32]
    private let bucketEntries: [Int32]
    /// Short patterns (under three bytes) by first byte, both cases when insensitive.
    private let shortFirstBytes: [UInt8]
    private let shortEntries: [Int32]
    private let shortSplats: [SIMD16<UInt8>]
    private let longestWindowOffset: Int
    public let hasTriggers: Bool

    static let bucketShift = 4

    /// Hyperscan's database of ``entries`` (literal i is entry i); nil where Hyperscan
    /// does not run or was not asked for.
    private let database: LiteralDatabase?
    private let longestPattern: Int
    /// Hyperscan scans under 4 GiB at once; ranges are searched in pieces this long.
    private let pieceLength: Int

    /// Whether scans with a ``Scratch`` use Hyperscan.
    public var isAccelerated: Bool { database != nil }

    /// One thread's working memory for ``scan(_:in:into:scratch:)``; not to be shared.
    public final class Scratch {
        fileprivate let hyperscan: LiteralDatabase.Scratch?

        fileprivate init(hyperscan: LiteralDatabase.Scratch?) { self.hyperscan = hyperscan }
    }

    /// A scratch space for one thread; scans without one take the portable pass.
    public func makeScratch() -> Scratch { Scratch(hyperscan: database?.makeScratch()) }

    /// Builds the scanner from `(pattern, role, detector index)` triples; detector
    /// indices must be below `DetectorMask.capacity`. Empty patterns are ignored. `accelerated: false` keeps
    /// to the portable pass (tests compare the two); `pieceLength` is how much Hyperscan
    /// is given at once (tests make it short to cut patterns at piece ends).
    public init(
        patterns: [(pattern: String, role: Role, detector: Int)], accelerated: Bool = true, pieceLength: Int = 1 << 30
    ) {
        precondition(pieceLength > 0 && pieceLength <= 1 << 31)
        self.pieceLength = pieceLength
        // Merge patterns with the same bytes and case rule, so each is verified once.
        var merged:
            [(bytes: [UInt8], caseInsensitive: Bool, wholeWord: Bool, keywords: DetectorMask, triggers: DetectorMask)] =
                []
        var index: [[UInt8]: Int] = [:]
        for (pattern, role, detector) in patterns {
            let raw = Array(pattern.utf8)
            guard !raw.isEmpty else { continue }
            let caseInsensitive: Bool
            switch role {
            case .keyword: caseInsensitive = true
            case .trigger(let insensitive): caseInsensitive = insensitive
            }
            let bytes = caseInsensitive ? raw.map(Self.lower) : raw
            var wholeWord = false
            if case .keyword = role { wholeWord = bytes.count <= 3 && bytes.allSatisfy(Self.isAlphanumeric) }
            // The key carries the case and word rules as trailing bytes no UTF-8 text holds.
            let key = bytes + [caseInsensitive ? 0xFF : 0xFE, wholeWord ? 0xFF : 0xFE]
            let bit = DetectorMask.detector(detector)
            let slot: Int
            if let existing = index[key] {
                slot = existing
            } else {
                slot = merged.count
                index[key] = slot
                merged.append((bytes, caseInsensitive, wholeWord, 0, 0))
            }
            if case .keyword = role { merged[slot].keywords |= bit } else { merged[slot].triggers |= bit }
        }

        var entries: [Entry] = []
        var bytes: [UInt8] = []
        var table = [UInt8](repeating: 0, count: 1 << Self.tableBits)
        var buckets = Array(repeating: [Int32](), count: (1 << Self.tableBits) >> Self.bucketShift + 1)
        var shortByFirst: [(UInt8, Int32)] = []
        var longestOffset = 0
        for pattern in merged {
            let isLong = pattern.bytes.count >= Self.windowLength
            let offset = isLong ? Self.rarestWindow(in: pattern.bytes) : 0
            let hash = isLong ? Self.hash(Self.window(pattern.bytes, at: offset)) : 0
            let slot = Int32(entries.count)
            entries.append(
                Entry(
                    start: bytes.count, count: pattern.bytes.count, windowOffset: offset,
                    caseInsensitive: pattern.caseInsensitive, wholeWord: pattern.wholeWord,
                    keywordDetectors: pattern.keywords,
                    triggerDetectors: pattern.triggers, hash: hash))
            bytes += pattern.bytes
            if isLong {
                table[hash] = 1
                buckets[hash >> Self.bucketShift].append(slot)
                longestOffset = max(longestOffset, offset)
                continue
            }
            // Both cases of a letter may start an insensitive pattern.
            let first = pattern.bytes[0]
            shortByFirst.append((first, slot))
            if pattern.caseInsensitive, Self.isLetter(first) { shortByFirst.append((first & ~0x20, slot)) }
        }
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for bucket in buckets {
            flat += bucket
            starts.append(Int32(flat.count))
        }
        self.entries = entries
        patternBytes = bytes
        windowTable = table
        bucketStart = starts
        bucketEntries = flat
        shortFirstBytes = shortByFirst.map(\.0)
        shortEntries = shortByFirst.map(\.1)
        shortSplats = Set(shortByFirst.map(\.0)).sorted().map { SIMD16<UInt8>(repeating: $0) }
        longestWindowOffset = longestOffset
        hasTriggers = merged.contains { $0.triggers != 0 }
        longestPattern = merged.map(\.bytes.count).max() ?? 0
        database =
            accelerated
            ? LiteralDatabase(
                merged.map { LiteralDatabase.Literal(bytes: $0.bytes, caseInsensitive: $0.caseInsensitive) })
            : nil
    }

    /// Appends every occurrence that starts inside `range` (it may end past the range,
    /// up to the end of the buffer) to `hits`, ordered by start. With a `scratch` from
    /// ``makeScratch()`` the search is Hyperscan's where it runs.
    public func scan(
        _ buffer: UnsafeRawBufferPointer, in range: Range<Int>, into hits: inout [Hit], scratch: Scratch? = nil
    ) {
        // SAFETY: `base` is used only through the helpers below, which stay inside buffer.count; the guard also refuses
        // a range that ends past the buffer.
        guard !entries.isEmpty, let base = buffer.baseAddress, !range.isEmpty, range.upperBound <= buffer.count
        else { return }
        let firstNew = hits.count
        if let database, let hyperscan = scratch?.hyperscan {
            if scanAccelerated(buffer, in: range, into: &hits, database: database, scratch: hyperscan) {
                restoreStartOrder(&hits, from: firstNew)
                return
            }
            // Hyperscan refused the scan (it should not): search again the portable way.
            hits.removeSubrange(firstNew...)
        }
        // SAFETY: every read is below `buffer.count`: the two 8-byte window loads of a
        // round check `position + 12 <= count` (the last windows are assembled byte by
        // byte, and `end` keeps every window inside the buffer), block loads check
        // `position + 16 <= range.upperBound`, and verification checks the pattern's end
        // and the byte after it.
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        let count = buffer.count
        entries.withUnsafeBufferPointer { entries in
            patternBytes.withUnsafeBufferPointer { patterns in
                bucketStart.withUnsafeBufferPointer { starts in
                    bucketEntries.withUnsafeBufferPointer { members in
                        @inline(__always) func verify(_ entry: Entry, startingAt start: Int) {
                            guard range.contains(start), start + entry.count <= count else { return }
                            for offset in 0..<entry.count {
                                let actual = bytes[start + offset]
                                if (entry.caseInsensitive ? Self.lower(actual) : actual)
                                    != patterns[entry.start + offset]
                                {
                                    return
                                }
                            }
                            Self.appendUnlessInsideWord(entry, at: start, bytes, count: count, to: &hits)
                        }
                        scanWindows(bytes, count: count, range: range) { position, hash in
                            let bucket = hash >> Self.bucketShift
                            for slot in Int(starts[bucket])..<Int(starts[bucket + 1]) {
                                let entry = entries[Int(members[slot])]
                                if entry.hash == hash { verify(entry, startingAt: position - entry.windowOffset) }
                            }
                        }
                        if !shortFirstBytes.isEmpty {
                            scanFirstBytes(bytes, count: count, range: range) { position, byte in
                                for (slot, first) in shortFirstBytes.enumerated() where first == byte {
                                    verify(entries[Int(shortEntries[slot])], startingAt: position)
                                }
                            }
                        }
                    }
                }
            }
        }
        // Windows sit at different offsets in their patterns, and short patterns come
        // from a second pass: restore start order when they arrived out of it.
        restoreStartOrder(&hits, from: firstNew)
    }

    /// Sorts `hits[firstNew...]` by start (then end) unless it already is.
    private func restoreStartOrder(_ hits: inout [Hit], from firstNew: Int) {
        if hits.count - firstNew > 1,
            zip(hits[firstNew...], hits[(firstNew + 1)...]).contains(where: {
                $0.range.lowerBound > $1.range.lowerBound
            })
        {
            hits[firstNew...].sort {
                ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound)
            }
        }
    }

    /// Appends the occurrence of `entry` at `start` to `hits`, unless the entry counts
    /// only as a whole word and a letter or digit touches it. `bytes` holds `count` bytes
    /// and the occurrence lies inside them.
    @inline(__always)
    private static func appendUnlessInsideWord(
        _ entry: Entry, at start: Int, _ bytes: UnsafePointer<UInt8>, count: Int, to hits: inout [Hit]
    ) {
        if entry.wholeWord {
            if start > 0 && isAlphanumeric(bytes[start - 1]) { return }
            if start + entry.count < count && isAlphanumeric(bytes[start + entry.count]) { return }
        }
        hits.append(
            Hit(
                range: start..<(start + entry.count), keywordDetectors: entry.keywordDetectors,
                triggerDetectors: entry.triggerDetectors))
    }

    /// Hyperscan's search of `range`, in pieces it can take, with the word rule applied;
    /// false when a piece's scan failed (the hits appended so far are then incomplete).
    private func scanAccelerated(
        _ buffer: UnsafeRawBufferPointer, in range: Range<Int>, into hits: inout [Hit], database: LiteralDatabase,
        scratch: LiteralDatabase.Scratch
    ) -> Bool {
        // SAFETY: every slice lies inside `buffer` (it ends at `count` at most), match
        // ends reported by Hyperscan lie inside the slice, and the word rule reads the
        // byte before a start only when start > 0 and after an end only when end < count.
        guard let base = buffer.baseAddress else { return true }
        let count = buffer.count
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        return entries.withUnsafeBufferPointer { entries in
            var pieceStart = range.lowerBound
            while pieceStart < range.upperBound {
                let pieceEnd = min(range.upperBound, pieceStart + pieceLength)
                // Occurrences that start in the piece may run past it by a pattern's length.
                let slice = UnsafeRawBufferPointer(
                    start: base + pieceStart, count: min(count, pieceEnd + longestPattern - 1) - pieceStart)
                let offset = pieceStart
                do {
                    try database.scan(slice, scratch: scratch) { literal, end in
                        let entry = entries[literal]
                        let start = offset + end - entry.count
                        guard start < pieceEnd else { return }
                        Self.appendUnlessInsideWord(entry, at: start, bytes, count: count, to: &hits)
                    }
                } catch {
                    return false
                }
                pieceStart = pieceEnd
            }
            return true
        }
    }

    /// Calls `onCandidate(position, hash)` for every window position whose hash is marked,
    /// for windows of patterns that may start in `range`.
    @inline(__always)
    private func scanWindows(
        _ bytes: UnsafePointer<UInt8>, count: Int, range: Range<Int>, onCandidate: (Int, Int) -> Void
    ) {
        // A pattern starting at s has its window at s + offset.
        let end = min(count - (Self.windowLength - 1), range.upperBound + longestWindowOffset)
        var position = range.lowerBound
        guard position < end else { return }
        // SAFETY: `table` is read at hash values below windowTable.count (a hash keeps its top `tableBits` bits, and the table has 1 << tableBits entries), and
        // lives only inside this closure.
        windowTable.withUnsafeBufferPointer { table in
            // Eight positions per round from two 8-byte loads (positions 0–3 from the
            // first, 4–7 from the second), each folded once; the rounds stop while the
            // loads still fit in the buffer. A byte per hash rather than a bit: a load
            // is cheaper than a variable shift.
            while position + 8 <= end && position + 12 <= count {
                // SAFETY: both 8-byte loads end at `position + 12` at most, and the loop runs only while `position + 12
                // <= count`, the buffer's length.
                let low = Self.fold(UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self))
                let high = Self.fold(UnsafeRawPointer(bytes + position + 4).loadUnaligned(as: UInt64.self))
                var found: UInt32 = 0
                for lane in 0..<4 {
                    found |= UInt32(table[Self.hash(folded: low >> UInt64(8 * lane))]) << UInt32(lane)
                    found |= UInt32(table[Self.hash(folded: high >> UInt64(8 * lane))]) << UInt32(lane + 4)
                }
                while found != 0 {
                    let lane = Int(found.trailingZeroBitCount)
                    found &= found - 1
                    let word = lane < 4 ? low >> UInt64(8 * lane) : high >> UInt64(8 * (lane - 4))
                    onCandidate(position + lane, Self.hash(folded: word))
                }
                position += 8
            }
            while position < end {
                let word =
                    UInt64(bytes[position]) | UInt64(bytes[position + 1]) << 8 | UInt64(bytes[position + 2]) << 16
                let hash = Self.hash(folded: Self.fold(word))
                if table[hash] != 0 { onCandidate(position, hash) }
                position += 1
            }
        }
    }

    /// Calls `onCandidate(position, byte)` for every position in `range` holding the
    /// first byte of a short pattern, 16 bytes at a time.
    @inline(__always)
    private func scanFirstBytes(
        _ bytes: UnsafePointer<UInt8>, count: Int, range: Range<Int>, onCandidate: (Int, UInt8) -> Void
    ) {
        let splats = shortSplats
        var position = range.lowerBound
        while position + 16 <= range.upperBound {
            // SAFETY: the 16-byte load ends at `position + 16 <= range.upperBound`, which `scan` checked is within the
            // buffer.
            let block = UnsafeRawPointer(bytes + position).loadUnaligned(as: SIMD16<UInt8>.self)
            var hit = SIMDMask<SIMD16<Int8>>(repeating: false)
            for splat in splats { hit .|= block .== splat }
            if any(hit) {
                for lane in 0..<16 where hit[lane] { onCandidate(position + lane, bytes[position + lane]) }
            }
            position += 16
        }
        while position < range.upperBound {
            if shortFirstBytes.contains(bytes[position]) { onCandidate(position, bytes[position]) }
            position += 1
        }
    }
}
