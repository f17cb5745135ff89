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
            var inner = SHA256()
            var outer = SHA256()
            // SAFETY: the padded key arrays live for the duration of each closure, which only reads them.
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
        // SAFETY: the allocation is sized for the id, the NUL and the value, and does not escape the closure.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: idLength + 1 + normalizedValue.count) {
            message in
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
        // SAFETY: the array outlives the closure, which reads it only.
        Array(normalizedValue.utf8).withUnsafeBufferPointer { fingerprint(detector: detector, normalizedValue: $0) }
    }
}
