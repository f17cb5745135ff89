/// Full-width digits, letters and separators folded to ASCII around one digit cluster,
/// so every detector's regex matches `０９０－１２３４－５６７８` and `ＤＥ８９ ３７０４ …`
/// as it matches the ASCII forms, without a full-width alternative in each pattern
/// (which cost `jp.phone` a third of its speed on ASCII text, where it runs most).
///
/// Only clusters holding a non-ASCII byte are folded; on ASCII text nothing here runs.
/// The folded bytes keep, per byte, the offset of the original character they came
/// from, so matches map back to the buffer the validator, the masks and the reports use.
///
/// Folded: U+FF10–FF19 (digits), U+FF21–FF3A and U+FF41–FF5A (Latin letters),
/// U+FF0D (full-width hyphen-minus), U+2010, U+2011 and U+2212 (hyphens, minus) to `-`,
/// U+3000 (ideographic space) to a space.
///
/// The memory is the owning session's (like ``ShapeCache``): one thread at a time.
struct WidthFolder {
    /// The most original bytes one fold takes; a longer context is searched unfolded.
    static let capacity = 4096
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// For each folded byte, the original offset of its character; one more for the end.
    private let origins: UnsafeMutableBufferPointer<Int>
    private let count: UnsafeMutablePointer<Int>

    init() {
        bytes = .allocate(capacity: Self.capacity)
        origins = .allocate(capacity: Self.capacity + 1)
        count = .allocate(capacity: 1)
        // SAFETY: freshly allocated; readers read only the prefix `fold` has just written.
        bytes.initialize(repeating: 0)
        origins.initialize(repeating: 0)
        count.initialize(to: 0)
    }

    func deallocate() {
        bytes.deallocate()
        origins.deallocate()
        count.deallocate()
    }

    /// Whether `range` holds a byte outside ASCII: only then can folding change it.
    @inline(__always)
    static func mayFold(_ range: Range<Int>, in buffer: UnsafeRawBufferPointer) -> Bool {
        for index in range where buffer[index] >= 0x80 { return true }
        return false
    }

    /// The folded text of the last ``fold(_:of:)``.
    var view: UnsafeRawBufferPointer {
        // SAFETY: `bytes` lives as long as this folder; the first `count` bytes were written by `fold`.
        UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[0..<count.pointee])
    }

    /// Folds `buffer[context]`; false (and nothing folded) when it is longer than the
    /// capacity.
    func fold(_ context: Range<Int>, of buffer: UnsafeRawBufferPointer) -> Bool {
        guard context.count <= Self.capacity else { return false }
        var out = 0
        var index = context.lowerBound
        while index < context.upperBound {
            let (folded, length) = Self.foldedCharacter(at: index, end: context.upperBound, in: buffer)
            if let folded {
                bytes[out] = folded
                origins[out] = index
                out += 1
            } else {
                for offset in 0..<length {
                    bytes[out] = buffer[index + offset]
                    origins[out] = index + offset
                    out += 1
                }
            }
            index += length
        }
        origins[out] = context.upperBound
        count.pointee = out
        return true
    }

    /// The original range a folded range came from.
    func original(_ range: Range<Int>) -> Range<Int> { origins[range.lowerBound]..<origins[range.upperBound] }

    /// The folded offset of the character that starts at original `offset` (or of the
    /// first one after it).
    func folded(_ offset: Int) -> Int {
        var low = 0
        var high = count.pointee
        while low < high {
            let middle = (low + high) / 2
            if origins[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The ASCII byte the character at `index` folds to (nil: kept as it is) and the
    /// character's length in bytes (1 for a byte that starts no whole character).
    @inline(__always)
    static func foldedCharacter(at index: Int, end: Int, in buffer: UnsafeRawBufferPointer) -> (UInt8?, Int) {
        let lead = buffer[index]
        guard lead >= 0xE2, lead <= 0xEF, index + 2 < end else { return (nil, 1) }
        let second = buffer[index + 1]
        let third = buffer[index + 2]
        guard second & 0xC0 == 0x80, third & 0xC0 == 0x80 else { return (nil, 1) }
        switch (lead, second) {
        case (0xEF, 0xBC):
            switch third {
            case 0x90...0x99: return (third - 0x90 + 0x30, 3)  // ０-９
            case 0xA1...0xBA: return (third - 0xA1 + 0x41, 3)  // Ａ-Ｚ
            case 0x8D: return (0x2D, 3)  // －
            default: return (nil, 3)
            }
        case (0xEF, 0xBD):
            if (0x81...0x9A).contains(third) { return (third - 0x81 + 0x61, 3) }  // ａ-ｚ
            return (nil, 3)
        case (0xE3, 0x80): return (third == 0x80 ? 0x20 : nil, 3)  // U+3000
        case (0xE2, 0x80): return ((0x90...0x91).contains(third) ? 0x2D : nil, 3)  // U+2010, U+2011
        case (0xE2, 0x88): return (third == 0x92 ? 0x2D : nil, 3)  // U+2212
        default: return (nil, 3)
        }
    }
}
