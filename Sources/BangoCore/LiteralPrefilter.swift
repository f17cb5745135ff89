/// The matcher's prefilter for detectors triggered by literals (`AKIA`, `ghp_`,
/// `-----BEGIN`, `@`, …): one pass that finds every occurrence of every literal.
///
/// Each literal is watched through one *anchor* byte, the rarest byte it holds by a
/// rough frequency table of text and code; the pass compares 16 bytes at a time with
/// the anchors and verifies the whole literal only where one occurs. Like the digit
/// prefilter it never misses an occurrence: every occurrence contains its anchor.
public struct LiteralPrefilter: Sendable {
    struct Entry: Sendable {
        /// The literal, lower-cased when case-insensitive.
        let bytes: [UInt8]
        let caseInsensitive: Bool
        /// Where the anchor byte sits in the literal.
        let anchorOffset: Int
        let detectors: UInt64
    }

    private let entries: [Entry]
    /// Entries to verify for each byte value, flattened: entries `anchorIndex[start[b]..<start[b+1]]`
    /// have byte `b` as their anchor. Flat, so the hot loop does no retain/release.
    private let anchorStart: [Int32]
    private let anchorIndex: [Int32]
    private let anchors: [UInt8]
    /// The entries again as plain values, their bytes in one flat array, so verifying an
    /// anchor hit copies no entry (and retains no array) in the byte loop.
    private let flatEntries: [FlatEntry]
    private let literalBytes: [UInt8]
    let longestLiteral: Int

    struct FlatEntry {
        let start: Int
        let count: Int
        let anchorOffset: Int
        let caseInsensitive: Bool
        let detectors: UInt64
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Builds the prefilter from `(literal, case-insensitive, detector index)` triples.
    init(literals: [(literal: String, caseInsensitive: Bool, detector: Int)]) {
        var entries: [Entry] = []
        var byAnchor = Array(repeating: [Int](), count: 256)
        var anchorSet: [UInt8] = []
        var longest = 0
        for (literal, caseInsensitive, detector) in literals {
            let raw = Array(literal.utf8)
            guard !raw.isEmpty else { continue }
            let bytes = caseInsensitive ? raw.map(Self.lower) : raw
            let bit = UInt64(1) << UInt64(detector)
            if let existing = entries.firstIndex(where: { $0.bytes == bytes && $0.caseInsensitive == caseInsensitive }) {
                let old = entries[existing]
                entries[existing] = Entry(bytes: old.bytes, caseInsensitive: old.caseInsensitive,
                                          anchorOffset: old.anchorOffset, detectors: old.detectors | bit)
                continue
            }
            let offset = bytes.indices.min { Self.rarity(bytes[$0], caseInsensitive) < Self.rarity(bytes[$1], caseInsensitive) } ?? 0
            entries.append(Entry(bytes: bytes, caseInsensitive: caseInsensitive, anchorOffset: offset, detectors: bit))
            longest = max(longest, bytes.count)
            var anchorBytes = [bytes[offset]]
            if caseInsensitive, Self.isLetter(bytes[offset]) { anchorBytes.append(bytes[offset] & ~0x20) }
            for anchor in anchorBytes {
                byAnchor[Int(anchor)].append(entries.count - 1)
                if !anchorSet.contains(anchor) { anchorSet.append(anchor) }
            }
        }
        self.entries = entries
        var flatBytes: [UInt8] = []
        flatEntries = entries.map { entry in
            defer { flatBytes += entry.bytes }
            return FlatEntry(start: flatBytes.count, count: entry.bytes.count, anchorOffset: entry.anchorOffset,
                             caseInsensitive: entry.caseInsensitive, detectors: entry.detectors)
        }
        literalBytes = flatBytes
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for byte in 0..<256 {
            flat += byAnchor[byte].map { Int32($0) }
            starts.append(Int32(flat.count))
        }
        anchorStart = starts
        anchorIndex = flat
        anchors = anchorSet
        longestLiteral = longest
    }

    /// Calls `onHit(start, detectors)` for every literal occurrence that starts inside
    /// `range`, in order of anchor position.
    public func scan(_ buffer: UnsafeRawBufferPointer, range: Range<Int>, onHit: (Int, UInt64) -> Void) {
        guard !entries.isEmpty, let base = buffer.baseAddress, !range.isEmpty else { return }
        // SAFETY: reads stay below `end` ≤ buffer.count; block loads check
        // `position + 16 <= end` first; literal checks are bounds-checked below.
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        let end = min(buffer.count, range.upperBound + longestLiteral)
        var position = range.lowerBound
        let splats = anchors.map { SIMD16<UInt8>(repeating: $0) }
        let bitWeights = SIMD16<UInt8>(1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128)
        anchorStart.withUnsafeBufferPointer { starts in
            anchorIndex.withUnsafeBufferPointer { flat in
            flatEntries.withUnsafeBufferPointer { table in
            literalBytes.withUnsafeBufferPointer { literals in
                @inline(__always) func verify(at position: Int) {
                    let byte = Int(bytes[position])
                    for slot in Int(starts[byte])..<Int(starts[byte + 1]) {
                        let entry = table[Int(flat[slot])]
                        let start = position - entry.anchorOffset
                        guard start >= range.lowerBound, start < range.upperBound, start + entry.count <= buffer.count
                        else { continue }
                        var matched = true
                        for offset in 0..<entry.count {
                            let actual = bytes[start + offset]
                            if (entry.caseInsensitive ? Self.lower(actual) : actual) != literals[entry.start + offset] {
                                matched = false
                                break
                            }
                        }
                        if matched { onHit(start, entry.detectors) }
                    }
                }
                while position + 16 <= end {
                    let block = UnsafeRawPointer(bytes + position).loadUnaligned(as: SIMD16<UInt8>.self)
                    var hit = SIMDMask<SIMD16<Int8>>(repeating: false)
                    for splat in splats { hit .|= block .== splat }
                    if any(hit) {
                        // The set lanes as a 16-bit mask; visit only those bytes.
                        let weighted = unsafeBitCast(hit, to: SIMD16<UInt8>.self) & bitWeights
                        var mask = UInt16(weighted.lowHalf.wrappedSum()) | UInt16(weighted.highHalf.wrappedSum()) << 8
                        while mask != 0 {
                            verify(at: position + mask.trailingZeroBitCount)
                            mask &= mask - 1
                        }
                    }
                    position += 16
                }
                while position < end {
                    if starts[Int(bytes[position])] != starts[Int(bytes[position]) + 1] { verify(at: position) }
                    position += 1
                }
            }
            }
            }
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// English letter frequencies in tenths of a percent (a 12.7, … z 0.07), for
    /// ranking letters against each other.
    static let letterFrequency: [Int] = [82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1]

    /// Lower is rarer: a rough ranking of bytes in prose, logs and code.
    static func rarity(_ byte: UInt8, _ caseInsensitive: Bool) -> Int {
        let base: Int
        switch byte {
        case UInt8(ascii: "@"): base = 1
        case UInt8(ascii: "_"), UInt8(ascii: "$"), UInt8(ascii: "#"), UInt8(ascii: "~"), UInt8(ascii: "^"),
            UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "\\"): base = 4
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "*"): base = 10
        // Upper case is rarer than lower case in text, but "INFO" and capitals exist.
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): base = 3 + letterFrequency[Int(byte - 65)] / 4
        case UInt8(ascii: "a")...UInt8(ascii: "z"): base = 6 + letterFrequency[Int(byte - 97)] / 2
        // Dates, phone numbers and paths are full of these.
        case UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "."):
            base = 30
        case UInt8(ascii: "0")...UInt8(ascii: "9"): base = 40
        // UTF-8: lead bytes of kana (E3) and kanji (E4–E9) fill Japanese text; any one
        // continuation byte value is far rarer.
        case 0xE3...0xE9: base = 60
        case 0xEF: base = 30
        case 0xC2...0xDF: base = 20
        case 0x80...0xBF: base = 12
        case UInt8(ascii: " "), 0x0A: base = 100
        default: base = 15
        }
        // A case-insensitive letter needs two anchors, one per case: count both.
        guard caseInsensitive, isLetter(byte) else { return base }
        let lower = byte | 0x20
        return 3 + letterFrequency[Int(lower - 97)] / 4 + 6 + letterFrequency[Int(lower - 97)] / 2
    }
}

/// Newlines in `buffer[range]`, 16 bytes at a time.
func countNewlines(_ buffer: UnsafeRawBufferPointer, in range: Range<Int>) -> Int {
    guard let base = buffer.baseAddress, !range.isEmpty else { return 0 }
    // SAFETY: block loads check `position + 16 <= range.upperBound` ≤ buffer.count.
    let bytes = base.assumingMemoryBound(to: UInt8.self)
    var position = range.lowerBound
    var count = 0
    let newline = SIMD16<UInt8>(repeating: 0x0A), one = SIMD16<UInt8>(repeating: 1)
    while position + 16 <= range.upperBound {
        let block = UnsafeRawPointer(bytes + position).loadUnaligned(as: SIMD16<UInt8>.self)
        count &+= Int((unsafeBitCast(block .== newline, to: SIMD16<UInt8>.self) & one).wrappedSum())
        position += 16
    }
    while position < range.upperBound {
        if bytes[position] == 0x0A { count += 1 }
        position += 1
    }
    return count
}
