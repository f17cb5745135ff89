import Crypto
import Foundation

/// Keyed fingerprints of findings: HMAC-SHA256 over `detector id + NUL + normalised
/// value`, hex-encoded.
///
/// A plain hash of a My Number could be reversed by hashing all 10^11 valid numbers,
/// so fingerprints are keyed: without the key they reveal nothing, and with the same key
/// the same value gives the same fingerprint on any machine, which is what baselines
/// and audit diffs need.
public struct Fingerprinter: Sendable {
    // Kept as bytes: SymmetricKey is not Sendable, and a key is cheap to rebuild for the
    // few matches that survive validation.
    private let keyBytes: [UInt8]

    /// Uses `keyBytes` as the HMAC key (at least 16 bytes).
    public init(keyBytes: [UInt8]) throws(FingerprintKeyError) {
        guard keyBytes.count >= 16 else { throw .tooShort(keyBytes.count) }
        self.keyBytes = keyBytes
    }

    /// Fingerprint of a normalised value found by `detector`.
    public func fingerprint(detector: String, normalizedValue: UnsafeBufferPointer<UInt8>) -> Fingerprint {
        fingerprint(detector: detector, normalizedValue: normalizedValue, key: Key(self))
    }

    /// The key in the form HMAC takes, made once per worker thread (it is not Sendable).
    ///
    /// HMAC (RFC 2104) is SHA-256 over the key XOR opad and SHA-256 over the key XOR
    /// ipad and the message. Both padded keys are absorbed here, once per thread, and
    /// each fingerprint continues copies of the two states. swift-crypto's `HMAC` type
    /// computes the same, but its generic `update(data:)` went through unspecialised
    /// `DataProtocol` code that cost several times the hashing itself on scans with
    /// many findings; `SHA256.update(bufferPointer:)` does not.
    public final class Key {
        let inner: SHA256
        let outer: SHA256
        public init(_ fingerprinter: Fingerprinter) {
            let blockSize = 64
            var key = fingerprinter.keyBytes
            if key.count > blockSize { key = Array(SHA256.hash(data: key)) }
            key += [UInt8](repeating: 0, count: blockSize - key.count)
            var inner = SHA256(), outer = SHA256()
            key.map { $0 ^ 0x36 }.withUnsafeBytes { inner.update(bufferPointer: $0) }
            key.map { $0 ^ 0x5C }.withUnsafeBytes { outer.update(bufferPointer: $0) }
            self.inner = inner
            self.outer = outer
        }
    }

    /// Fingerprint with a prepared key: the hot path. The message (`detector`, a NUL
    /// byte, the value) is laid out once and hashed in one update, because each update
    /// of a copied state costs about as much as hashing a short message.
    public func fingerprint(detector: String, normalizedValue: UnsafeBufferPointer<UInt8>, key: Key) -> Fingerprint {
        let idLength = detector.utf8.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: idLength + 1 + normalizedValue.count) { message in
            // SAFETY: `message` holds exactly the id, the NUL and the value, written once
            // each before it is read. The id is copied by its UTF-8 view: `withUTF8`
            // would need a mutable copy of the string for every fingerprint.
            var (_, position) = message.initialize(from: detector.utf8)
            message[position] = 0
            position += 1
            _ = message[position...].initialize(fromContentsOf: normalizedValue)
            var inner = key.inner
            inner.update(bufferPointer: UnsafeRawBufferPointer(message))
            var outer = key.outer
            inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
            return outer.finalize().withUnsafeBytes { Fingerprint(digest: $0) }
        }
    }

    /// Convenience for tests and tools.
    public func fingerprint(detector: String, normalizedValue: String) -> Fingerprint {
        Array(normalizedValue.utf8).withUnsafeBufferPointer { fingerprint(detector: detector, normalizedValue: $0) }
    }
}

/// A finding's fingerprint: the 32 bytes of an HMAC-SHA256, shown as 64 lowercase hex
/// digits. A value rather than a string, so that a finding carries it without a heap
/// allocation; the digits are made only when it is printed.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public let bytes: SIMD32<UInt8>

    public init(bytes: SIMD32<UInt8>) { self.bytes = bytes }

    /// The first 32 bytes of `digest` (an HMAC-SHA256 is exactly 32).
    init(digest: UnsafeRawBufferPointer) {
        precondition(digest.count >= 32, "a fingerprint is 32 bytes")
        bytes = digest.loadUnaligned(as: SIMD32<UInt8>.self)
    }

    /// Parses 64 hex digits (either case); nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes = SIMD32<UInt8>()
        for index in 0..<32 {
            guard let high = Self.value(ofHexDigit: digits[2 * index]), let low = Self.value(ofHexDigit: digits[2 * index + 1])
            else { return nil }
            bytes[index] = high << 4 | low
        }
        self.bytes = bytes
    }

    /// The 64 hex digits.
    public var description: String {
        String(unsafeUninitializedCapacity: 64) { output in
            writeHex(to: UnsafeMutableRawBufferPointer(output))
            return 64
        }
    }

    /// Writes the 64 hex digits to the start of `output`, which must hold 64 bytes.
    public func writeHex(to output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= 64, "a fingerprint's hex form is 64 bytes")
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

/// A fingerprint key that cannot be used.
public enum FingerprintKeyError: Error, Equatable, CustomStringConvertible {
    case tooShort(Int)

    public var description: String {
        switch self {
        case .tooShort(let count):
            "the fingerprint key is \(count) bytes; use at least 16 (32 random bytes are best)"
        }
    }
}

/// Masking: every output shows at most the last four characters of a value.
public enum Masking {
    /// `********9018` for `123456789018`; values of four characters or fewer are masked
    /// completely, so the mask never shows the whole value. Long values (keys, tokens)
    /// get at most 16 stars, so a report line stays readable.
    public static func mask(_ normalizedValue: UnsafeBufferPointer<UInt8>) -> String {
        if normalizedValue.allSatisfy({ $0 < 0x80 }) {
            // ASCII, the usual case: one byte per character, no decoding.
            let shown = normalizedValue.count > 4 ? 4 : 0
            let stars = min(normalizedValue.count - shown, 16)
            return String(unsafeUninitializedCapacity: stars + shown) { output in
                for index in 0..<stars { output[index] = UInt8(ascii: "*") }
                for index in 0..<shown { output[stars + index] = normalizedValue[normalizedValue.count - shown + index] }
                return stars + shown
            }
        }
        let characters = Array(String(decoding: normalizedValue, as: UTF8.self))
        let shown = characters.count > 4 ? 4 : 0
        let stars = min(characters.count - shown, 16)
        return String(repeating: "*", count: stars) + String(characters.suffix(shown))
    }

    /// Convenience for tests and tools.
    public static func mask(_ normalizedValue: String) -> String {
        Array(normalizedValue.utf8).withUnsafeBufferPointer { mask($0) }
    }
}
