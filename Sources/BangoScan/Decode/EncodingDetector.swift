import BangoCore

/// Guesses a file's encoding from its first bytes. Cheap: one pass over at most the
/// probe (16 KiB), and UTF-8 — the common case — is settled by the first check that
/// passes.
///
/// Order matters: a byte order mark wins; then the pattern of NUL bytes that UTF-16
/// text has (so UTF-16 is never mistaken for binary); then NUL bytes mean binary; then
/// pure 7-bit text with ISO-2022-JP's escape sequences; then UTF-8, valid or nearly so;
/// then whichever of Shift_JIS and EUC-JP decodes the bytes with fewer errors (a few are
/// tolerated), preferring the one whose characteristic lead bytes appear.
public enum EncodingDetector {
    public static func detect<Bytes: RandomAccessCollection<UInt8>>(_ head: Bytes) -> ContentKind
    where Bytes.Index == Int {
        let bytes = Array(head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .text(.utf8, bomLength: 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return .text(.utf16LE, bomLength: 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return .text(.utf16BE, bomLength: 2) }
        if let utf16 = utf16ByNULPattern(bytes) { return .text(utf16, bomLength: 0) }
        if bytes.contains(0) { return .binary }
        if isISO2022JP(bytes) { return .text(.iso2022JP, bomLength: 0) }
        // Damaged text is still text: a few bad bytes in an export must not turn the
        // whole file into bytes. A candidate with at most one invalid sequence per twenty
        // well-formed ones is taken, UTF-8 first (Japanese UTF-8 parses as Shift_JIS
        // almost cleanly, Shift_JIS as UTF-8 hardly at all).
        let utf8 = utf8Damage(bytes)
        if utf8.invalid == 0 || utf8.isTolerable { return .text(.utf8, bomLength: 0) }
        let shiftJIS = multibyteFit(bytes, shiftJIS: true)
        let eucJP = multibyteFit(bytes, shiftJIS: false)
        switch (shiftJIS.isTolerable, eucJP.isTolerable) {
        case (true, true):
            // Both decode: Shift_JIS text almost always has leads below 0xA0 (hiragana
            // are 0x82, katakana 0x83); EUC-JP's are 0xA1 and up (0x8E, 0x8F aside).
            let sjisWins =
                shiftJIS.invalid < eucJP.invalid
                || shiftJIS.invalid == eucJP.invalid && (shiftJIS.distinctiveLeads > 0 || eucJP.characters == 0)
            return .text(sjisWins ? .shiftJIS : .eucJP, bomLength: 0)
        case (true, false): return .text(.shiftJIS, bomLength: 0)
        case (false, true): return .text(.eucJP, bomLength: 0)
        case (false, false):
            // Nothing fits: scan as UTF-8, where invalid bytes simply never match; ASCII
            // identifiers are still found.
            return .text(.utf8, bomLength: 0)
        }
    }

    /// Well-formed multi-byte UTF-8 sequences and invalid ones in the probe.
    static func utf8Damage(_ bytes: [UInt8]) -> Fit {
        var fit = Fit()
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = PathText.validSequenceLength(bytes, at: index)
            if length == 0 {
                // A sequence cut by the end of the probe is not damage.
                let expected = bytes[index] >= 0xF0 ? 4 : bytes[index] >= 0xE0 ? 3 : 2
                if bytes[index] >= 0xC2 && bytes[index] <= 0xF4 && index + expected > bytes.count
                    && bytes[(index + 1)...].allSatisfy({ $0 & 0xC0 == 0x80 })
                {
                    break
                }
                fit.invalid += 1
                index += 1
            } else {
                fit.characters += 1
                index += length
            }
        }
        return fit
    }

    /// UTF-16 without a BOM: every ASCII character (digits, spaces, newlines) has a NUL
    /// byte beside it, at odd offsets (little-endian) or even ones (big-endian), while
    /// the other parity has NULs only for the rare U+xx00 code point (U+3000, the
    /// ideographic space, is one). Binary data has NULs at both and control codes that
    /// text does not.
    static func utf16ByNULPattern(_ bytes: [UInt8]) -> TextEncoding? {
        guard bytes.count >= 4 else { return nil }
        var even = 0
        var odd = 0
        for index in bytes.indices where bytes[index] == 0 {
            if index % 2 == 0 { even += 1 } else { odd += 1 }
        }
        for littleEndian in [true, false] {
            let (main, other) = littleEndian ? (odd, even) : (even, odd)
            if main >= 2, other * 4 <= main, looksLikeUTF16Text(bytes, littleEndian: littleEndian) {
                return littleEndian ? .utf16LE : .utf16BE
            }
        }
        return nil
    }

    /// Surrogates pair up, and control codes other than tab, newline, form feed and
    /// carriage return are under 1 % of the code units.
    static func looksLikeUTF16Text(_ bytes: [UInt8], littleEndian: Bool) -> Bool {
        guard hasValidSurrogates(bytes, littleEndian: littleEndian) else { return false }
        var controls = 0
        var index = 0
        while index + 1 < bytes.count {
            let unit =
                littleEndian
                ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            if unit < 0x20, unit != 0x09, unit != 0x0A, unit != 0x0C, unit != 0x0D { controls += 1 }
            index += 2
        }
        return controls * 100 <= bytes.count / 2
    }

    /// Every high surrogate is followed by a low one and no low one stands alone
    /// (a cut at the end of the probe is allowed).
    static func hasValidSurrogates(_ bytes: [UInt8], littleEndian: Bool) -> Bool {
        var expectLow = false
        var index = 0
        while index + 1 < bytes.count {
            let unit =
                littleEndian
                ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            let isHigh = (0xD800...0xDBFF).contains(unit)
            let isLow = (0xDC00...0xDFFF).contains(unit)
            if expectLow != isLow { return false }
            expectLow = isHigh
            index += 2
        }
        return true
    }

    /// 7-bit bytes with a JIS X 0208 designation (ESC $ B or ESC $ @).
    static func isISO2022JP(_ bytes: [UInt8]) -> Bool {
        var sawDesignation = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 { return false }
            if byte == 0x1B, index + 2 < bytes.count, bytes[index + 1] == 0x24,
                bytes[index + 2] == 0x42 || bytes[index + 2] == 0x40
            {
                sawDesignation = true
            }
            index += 1
        }
        return sawDesignation
    }

    /// Valid UTF-8, allowing a sequence cut by the end of the probe.
    public static func isUTF8(_ bytes: [UInt8]) -> Bool { utf8Damage(bytes).invalid == 0 }

    struct Fit {
        /// Well-formed multi-byte characters.
        var characters = 0
        /// Sequences the encoding does not allow.
        var invalid = 0
        /// Few enough invalid sequences (at most one per twenty characters) and some
        /// multi-byte text at all.
        var isTolerable: Bool { characters > 0 && invalid * 20 <= characters }
        /// Lead bytes only this encoding uses (Shift_JIS: 0x81–0x9F but 0x8E, 0x8F).
        var distinctiveLeads = 0
    }

    /// How well the bytes fit Shift_JIS (CP932) or EUC-JP: characters decoded, sequences
    /// the encoding does not allow (skipped a byte at a time, as the decoder does), and
    /// Shift_JIS's distinctive leads. A lead byte cut by the end of the probe is allowed.
    static func multibyteFit(_ bytes: [UInt8], shiftJIS: Bool) -> Fit {
        var fit = Fit()
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            if shiftJIS {
                if (0xA1...0xDF).contains(byte) {  // half-width katakana
                    index += 1
                    continue
                }
                guard (0x81...0x9F).contains(byte) || (0xE0...0xFC).contains(byte) else {
                    fit.invalid += 1
                    index += 1
                    continue
                }
                guard index + 1 < bytes.count else { return fit }
                let trail = bytes[index + 1]
                guard (0x40...0x7E).contains(trail) || (0x80...0xFC).contains(trail) else {
                    fit.invalid += 1
                    index += 1
                    continue
                }
                if byte <= 0x9F && byte != 0x8E && byte != 0x8F { fit.distinctiveLeads += 1 }
                fit.characters += 1
                index += 2
            } else {
                let length = byte == 0x8F ? 3 : 2
                guard byte == 0x8E || byte == 0x8F || (0xA1...0xFE).contains(byte) else {
                    fit.invalid += 1
                    index += 1
                    continue
                }
                guard index + length <= bytes.count else { return fit }
                if (1..<length).allSatisfy({ (0xA1...0xFE).contains(bytes[index + $0]) }) {
                    fit.characters += 1
                    index += length
                } else {
                    fit.invalid += 1
                    index += 1
                }
            }
        }
        return fit
    }
}
