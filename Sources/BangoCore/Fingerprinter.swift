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
    public func fingerprint(detector: String, normalizedValue: UnsafeBufferPointer<UInt8>) -> String {
        fingerprint(detector: detector, normalizedValue: normalizedValue, key: Key(self))
    }

    /// The key in the form HMAC takes, made once per worker thread (it is not Sendable).
    public final class Key {
        /// HMAC with the key already absorbed; each fingerprint starts from a copy, so
        /// the key schedule is computed once per thread, not once per finding.
        let keyed: HMAC<SHA256>
        public init(_ fingerprinter: Fingerprinter) { keyed = HMAC<SHA256>(key: SymmetricKey(data: fingerprinter.keyBytes)) }
    }

    /// Fingerprint with a prepared key: the hot path, one HMAC and one string.
    public func fingerprint(detector: String, normalizedValue: UnsafeBufferPointer<UInt8>, key: Key) -> String {
        var hmac = key.keyed
        var detectorBytes = detector
        detectorBytes.withUTF8 { hmac.update(data: UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: UInt8(0)) { hmac.update(data: $0) }
        hmac.update(data: UnsafeRawBufferPointer(normalizedValue))
        let code = hmac.finalize()
        return code.withUnsafeBytes { raw in
            String(unsafeUninitializedCapacity: raw.count * 2) { output in
                let digits: StaticString = "0123456789abcdef"
                let hex = digits.utf8Start
                for (index, byte) in raw.enumerated() {
                    output[2 * index] = hex[Int(byte >> 4)]
                    output[2 * index + 1] = hex[Int(byte & 0x0F)]
                }
                return raw.count * 2
            }
        }
    }

    /// Convenience for tests and tools.
    public func fingerprint(detector: String, normalizedValue: String) -> String {
        Array(normalizedValue.utf8).withUnsafeBufferPointer { fingerprint(detector: detector, normalizedValue: $0) }
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
