/// A finding's fingerprint: the 32 bytes of an HMAC-SHA256, shown as 64 lowercase hex
/// digits. A value rather than a string, so that a finding carries it without a heap
/// allocation; the digits are made only when it is printed.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public let bytes: SIMD32<UInt8>

    public init(bytes: SIMD32<UInt8>) { self.bytes = bytes }

    /// The first 32 bytes of `digest` (an HMAC-SHA256 is exactly 32).
    init(digest: UnsafeRawBufferPointer) {
        precondition(digest.count >= 32, "a fingerprint is 32 bytes")
        // SAFETY: the precondition above guarantees 32 readable bytes; an unaligned load of a trivial SIMD type reads
        // exactly those.
        bytes = digest.loadUnaligned(as: SIMD32<UInt8>.self)
    }

    /// Parses 64 hex digits (either case); nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes = SIMD32<UInt8>()
        for index in 0..<32 {
            guard let high = Self.value(ofHexDigit: digits[2 * index]),
                let low = Self.value(ofHexDigit: digits[2 * index + 1])
            else { return nil }
            bytes[index] = high << 4 | low
        }
        self.bytes = bytes
    }

    /// The 64 hex digits.
    public var description: String {
        String(unsafeUninitializedCapacity: 64) { output in
            // SAFETY: `output` has the 64 bytes of capacity asked for, all of which writeHex initialises before the
            // 64 is returned.
            writeHex(to: UnsafeMutableRawBufferPointer(output))
            return 64
        }
    }

    /// Writes the 64 hex digits to the start of `output`, which must hold 64 bytes.
    public func writeHex(to output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= 64, "a fingerprint's hex form is 64 bytes")
        // SAFETY: `pairs` has 256 entries, indexed by a byte; each store writes 2 bytes at offsets below 64, inside
        // `output` by the precondition.
        Self.hexPairs.withUnsafeBufferPointer { pairs in
            for index in 0..<32 {
                output.storeBytes(of: pairs[Int(bytes[index])], toByteOffset: 2 * index, as: UInt16.self)
            }
        }
    }

    /// Both hex digits of every byte value, as the two bytes of a little-endian word
    /// (the high digit first in memory): one load and one store per byte.
    private static let hexPairs: [UInt16] = (0..<256).map { byte in
        let digits = Array("0123456789abcdef".utf8)
        return (UInt16(digits[byte >> 4]) | UInt16(digits[byte & 0x0F]) << 8).littleEndian
    }

    private static func value(ofHexDigit digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
