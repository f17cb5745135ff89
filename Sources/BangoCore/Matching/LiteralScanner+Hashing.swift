/// The window hash and byte classes the literal pass shares between building its tables
/// and scanning: a pattern is found by the hash of one three-byte window of it.
extension LiteralScanner {
    /// ASCII bytes folded by setting bit 5, which lower-cases letters (and merges some
    /// punctuation and control bytes: harmless, as every candidate is verified); other
    /// bytes are kept as they are, so a hash keeps all of a Japanese character's bits.
    @inline(__always)
    static func fold(_ word: UInt64) -> UInt64 { word | ((~word & 0x8080_8080_8080_8080) >> 2) }

    /// The hash of the folded window in the low three bytes of `word`.
    @inline(__always)
    static func hash(folded word: UInt64) -> Int {
        Int(((UInt32(truncatingIfNeeded: word) & 0xFF_FFFF) &* 0x9E37_79B1) >> UInt32(32 - tableBits))
    }

    static func hash(_ window: UInt32) -> Int { hash(folded: fold(UInt64(window))) }

    static func window(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= 0x30 && byte <= 0x39) }
    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}
