/// CP932 as glibc's iconv maps it, read once into lookup tables.
final class CP932Table: Sendable {
    static let invalid: UInt32 = 0xFFFF_FFFF
    /// Scalars of single bytes (invalid for lead bytes and unmapped ones).
    let single: [UInt32]
    /// Whether a byte starts a two-byte character.
    let isLead: [Bool]
    /// Scalars of two-byte characters, indexed by lead << 8 | trail.
    let double: [UInt32]

    /// Nil when iconv has no CP932.
    static let shared: CP932Table? = CP932Table()

    private init?() {
        guard let transcoder = Transcoder(encoding: .shiftJIS, fast: false) else { return nil }
        func decodeOne(_ bytes: [UInt8]) -> UInt32? {
            var output: [UInt8] = []
            // SAFETY: the view lives only for the decode call, over a local array.
            let result = bytes.withUnsafeBytes { transcoder.decode($0, isFinal: true, into: &output) }
            guard result.invalid == 0, result.consumed == bytes.count else { return nil }
            let scalars = String(decoding: output, as: UTF8.self).unicodeScalars
            return scalars.count == 1 ? scalars.first?.value : nil
        }
        var single = [UInt32](repeating: Self.invalid, count: 256)
        var isLead = [Bool](repeating: false, count: 256)
        var double = [UInt32](repeating: Self.invalid, count: 65_536)
        for byte in 0..<256 {
            if (0x81...0x9F).contains(byte) || (0xE0...0xFC).contains(byte) {
                isLead[byte] = true
                for trail in 0x40...0xFC {
                    if let scalar = decodeOne([UInt8(byte), UInt8(trail)]) { double[byte << 8 | trail] = scalar }
                }
            } else if let scalar = decodeOne([UInt8(byte)]) {
                single[byte] = scalar
            }
        }
        self.single = single
        self.isLead = isLead
        self.double = double
    }
}
