/// Turns path bytes into text without losing information.
///
/// Valid UTF-8 is shown as is, except that a backslash is doubled; every byte that is
/// not part of valid UTF-8 becomes `\xHH`. The mapping is one-to-one, so a report
/// always names exactly one file, even one whose name is in Shift_JIS.
public enum PathText {
    /// The common case, a path's own bytes, without the generic collection code, which
    /// another module cannot specialise (unspecialised, finding a backslash byte by
    /// byte through an iterator was 6% of an unchanged rescan).
    public static func escape(_ bytes: [UInt8]) -> String {
        // SAFETY: the view lives only for the call, over the caller's array.
        let hasBackslash = bytes.withUnsafeBufferPointer { $0.contains(0x5C) }
        if !hasBackslash, let text = String(validating: bytes, as: UTF8.self) { return text }
        return escapeSlowly(bytes)
    }

    public static func escape<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        // The common path, valid UTF-8 without a backslash, is the bytes as they are:
        // one validation pass instead of a string built scalar by scalar (it showed as
        // 9% of an unchanged rescan, which does little else per file).
        if !bytes.contains(0x5C), let text = String(validating: bytes, as: UTF8.self) { return text }
        return escapeSlowly(Array(bytes))
    }

    /// Scalar by scalar: backslashes doubled, invalid bytes as `\xHH`.
    private static func escapeSlowly(_ array: [UInt8]) -> String {
        var output = ""
        output.reserveCapacity(array.count)
        var index = 0
        while index < array.count {
            let length = validSequenceLength(array, at: index)
            if length == 0 {
                output += "\\x" + String(array[index], radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            } else {
                let scalarText = String(decoding: array[index..<(index + length)], as: UTF8.self)
                output += scalarText == "\\" ? "\\\\" : scalarText
                index += length
            }
        }
        return output
    }

    /// Length of the valid UTF-8 sequence at `index`, or 0 if the bytes there are not one.
    public static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        let second = bytes[index + 1]
        if lead == 0xE0 && second < 0xA0 { return 0 }  // overlong
        if lead == 0xED && second >= 0xA0 { return 0 }  // surrogate
        if lead == 0xF0 && second < 0x90 { return 0 }  // overlong
        if lead == 0xF4 && second >= 0x90 { return 0 }  // above U+10FFFF
        return length
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
