/// Folds a matched value to the form validators and fingerprints use: ASCII letters and
/// digits only. Full-width digits and letters (U+FF10–FF19, U+FF21–FF3A, U+FF41–FF5A)
/// become ASCII; separators and anything else are dropped; letters are upper-cased.
///
/// It writes into a caller-provided buffer so the hot path does not allocate.
public enum ValueNormalizer {
    /// Normalises `source` into `output` and returns how many bytes were written, or nil
    /// if the result would not fit.
    public static func normalize(
        _ source: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Int? {
        var written = 0
        var index = 0
        while index < source.count {
            let byte = source[index]
            var folded: UInt8? = nil
            var width = 1
            if byte < 0x80 {
                if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) {
                    folded = byte
                } else if byte >= 0x61 && byte <= 0x7A {
                    folded = byte - 0x20
                }
            } else if byte == 0xEF, index + 2 < source.count {
                // U+FF01..FF5E (full-width ASCII) is EF BC 81..BF then EF BD 80..9E.
                let second = source[index + 1]
                let third = source[index + 2]
                width = 3
                let scalar = 0xF000 | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
                if scalar >= 0xFF01 && scalar <= 0xFF5E {
                    let ascii = UInt8(scalar - 0xFF01 + 0x21)
                    if (ascii >= 0x30 && ascii <= 0x39) || (ascii >= 0x41 && ascii <= 0x5A) {
                        folded = ascii
                    } else if ascii >= 0x61 && ascii <= 0x7A {
                        folded = ascii - 0x20
                    }
                }
            } else {
                width = utf8SequenceLength(byte)
            }
            if let folded {
                guard written < output.count else { return nil }
                output[written] = folded
                written += 1
            }
            index += max(1, width)
        }
        return written
    }

    /// Convenience for tests and tools.
    public static func normalize(_ text: String) -> String {
        let bytes = Array(text.utf8)
        // SAFETY: both views live only inside the closures; the output never needs more than raw.count bytes
        // (normalisation only drops or folds), and `count` never exceeds the allocation.
        return bytes.withUnsafeBytes { raw in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count) { buffer in
                let count = normalize(raw, into: buffer) ?? 0
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<count]), as: UTF8.self)
            }
        }
    }

    @inline(__always)
    static func utf8SequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }
}
