/// Table- and loop-based decoders for the encodings large files come in (UTF-16 and
/// Shift_JIS), several times faster than iconv, with the same results: iconv's own
/// CP932 table is read once to build the lookup table, and invalid input is replaced
/// the way ``Transcoder`` replaces it (U+FFFD, then resume one byte — one code unit in
/// UTF-16 — further on). Tests compare the two on every code point and on damage.
enum FastDecoder {
    /// Decodes `input` into `output` (UTF-8); returns bytes consumed and invalid
    /// sequences replaced. Unless `isFinal`, a sequence cut by the end is left unconsumed.
    static func decode(
        _ encoding: TextEncoding, _ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout [UInt8]
    ) -> (consumed: Int, invalid: Int)? {
        let decodeSlice: (UnsafeRawBufferPointer, Bool, inout [UInt8]) -> (consumed: Int, invalid: Int)
        switch encoding {
        case .utf16LE: decodeSlice = { utf16($0, littleEndian: true, isFinal: $1, into: &$2) }
        case .utf16BE: decodeSlice = { utf16($0, littleEndian: false, isFinal: $1, into: &$2) }
        case .shiftJIS:
            guard let table = CP932Table.shared else { return nil }
            decodeSlice = { shiftJIS($0, table: table, isFinal: $1, into: &$2) }
        default: return nil
        }
        // Slices of 64 KiB keep the scratch room each one needs (up to 3× its size) in
        // cache, instead of clearing three times a whole block up front.
        var consumed = 0
        var invalid = 0
        while consumed < input.count {
            let end = min(input.count, consumed + sliceBytes)
            let isLastSlice = end == input.count
            let result = decodeSlice(
                // SAFETY: consumed ≤ end ≤ input.count, so the slice lies inside the caller's input.
                UnsafeRawBufferPointer(rebasing: input[consumed..<end]), isFinal && isLastSlice, &output)
            consumed += result.consumed
            invalid += result.invalid
            // A sequence cut by the end of the input waits for the caller's next block.
            if isLastSlice || result.consumed == 0 { break }
        }
        return (consumed, invalid)
    }

    static let sliceBytes = 1 << 16

    /// Appends `scalar` as UTF-8 at `out[position...]`, returning the new position.
    @inline(__always)
    static func put(_ scalar: UInt32, _ out: UnsafeMutablePointer<UInt8>, _ position: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            out[position] = UInt8(scalar)
            return position + 1
        case 0x80..<0x800:
            out[position] = UInt8(0xC0 | scalar >> 6)
            out[position + 1] = UInt8(0x80 | scalar & 0x3F)
            return position + 2
        case 0x800..<0x10000:
            out[position] = UInt8(0xE0 | scalar >> 12)
            out[position + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[position + 2] = UInt8(0x80 | scalar & 0x3F)
            return position + 3
        default:
            out[position] = UInt8(0xF0 | scalar >> 18)
            out[position + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[position + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[position + 3] = UInt8(0x80 | scalar & 0x3F)
            return position + 4
        }
    }

    /// Runs `body` with room for `capacity` more bytes at the end of `output`, keeping
    /// the bytes it reports as written.
    @inline(__always)
    static func appending(
        to output: inout [UInt8], capacity: Int,
        _ body: (UnsafeMutablePointer<UInt8>) -> (written: Int, consumed: Int, invalid: Int)
    ) -> (consumed: Int, invalid: Int) {
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: capacity))
        // SAFETY: `body` writes at most `capacity` bytes (its callers bound what they
        // write by the input they read), all inside the room just appended.
        let result = output.withUnsafeMutableBufferPointer { buffer -> (written: Int, consumed: Int, invalid: Int) in
            guard let base = buffer.baseAddress else { return (0, 0, 0) }
            return body(base + start)
        }
        output.removeLast(capacity - result.written)
        return (result.consumed, result.invalid)
    }

    static func utf16(_ input: UnsafeRawBufferPointer, littleEndian: Bool, isFinal: Bool, into output: inout [UInt8])
        -> (consumed: Int, invalid: Int)
    {
        // Each 2-byte unit becomes at most 3 bytes; a surrogate pair (4 bytes) 4.
        appending(to: &output, capacity: input.count / 2 * 3 + 8) { out in
            var position = 0
            var index = 0
            var invalid = 0
            let count = input.count
            @inline(__always) func unit(_ at: Int) -> UInt32 {
                littleEndian
                    ? UInt32(input[at]) | UInt32(input[at + 1]) << 8 : UInt32(input[at]) << 8 | UInt32(input[at + 1])
            }
            let asciiMask: UInt64 = littleEndian ? 0xFF80_FF80_FF80_FF80 : 0x80FF_80FF_80FF_80FF
            while index + 1 < count {
                // Four ASCII units at a time: the common case of digits, Latin and markup.
                if index + 8 <= count {
                    // SAFETY: the load reads 8 bytes only when index + 8 <= count; the store writes 4 bytes at
                    // `position`, and the room reserved (3 bytes per 2 input bytes, plus 8) stays ahead of `position`
                    // as 8 ASCII input bytes give 4 output bytes.
                    let word = input.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if word & asciiMask == 0 {
                        let bytes = littleEndian ? word : word >> 8
                        let packed = UInt32(
                            truncatingIfNeeded: bytes & 0xFF | (bytes >> 8) & 0xFF00 | (bytes >> 16) & 0xFF_0000
                                | (bytes >> 24) & 0xFF00_0000)
                        UnsafeMutableRawPointer(out + position).storeBytes(of: packed, as: UInt32.self)
                        position += 4
                        index += 8
                        continue
                    }
                }
                let first = unit(index)
                if first < 0xD800 || first > 0xDFFF {
                    position = put(first, out, position)
                    index += 2
                } else if first <= 0xDBFF {
                    guard index + 3 < count else { break }  // a pair cut by the end
                    let second = unit(index + 2)
                    if second >= 0xDC00 && second <= 0xDFFF {
                        position = put(0x10000 + ((first - 0xD800) << 10 | (second - 0xDC00)), out, position)
                        index += 4
                    } else {
                        position = put(0xFFFD, out, position)
                        invalid += 1
                        index += 2
                    }
                } else {
                    position = put(0xFFFD, out, position)  // a low surrogate alone
                    invalid += 1
                    index += 2
                }
            }
            if isFinal && index < count {
                position = put(0xFFFD, out, position)  // an odd byte or a lone high surrogate at the end
                invalid += 1
                index = count
            }
            return (position, index, invalid)
        }
    }

    static func shiftJIS(_ input: UnsafeRawBufferPointer, table: CP932Table, isFinal: Bool, into output: inout [UInt8])
        -> (consumed: Int, invalid: Int)
    {
        // A byte becomes at most 3 (half-width katakana, or U+FFFD).
        appending(to: &output, capacity: input.count * 3 + 8) { out in
            var position = 0
            var index = 0
            var invalid = 0
            let count = input.count
            while index < count {
                // Eight ASCII bytes at a time.
                if index + 8 <= count {
                    // SAFETY: the load reads 8 bytes only when index + 8 <= count; 8 ASCII bytes give 8 output bytes,
                    // within the room of 3 bytes per input byte reserved for `out`.
                    let word = input.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        UnsafeMutableRawPointer(out + position).storeBytes(of: word, as: UInt64.self)
                        position += 8
                        index += 8
                        continue
                    }
                }
                let byte = input[index]
                if byte < 0x80 {
                    out[position] = byte
                    position += 1
                    index += 1
                    continue
                }
                if table.isLead[Int(byte)] {
                    guard index + 1 < count else {
                        if !isFinal { break }
                        position = put(0xFFFD, out, position)
                        invalid += 1
                        index += 1
                        continue
                    }
                    let scalar = table.double[Int(byte) << 8 | Int(input[index + 1])]
                    if scalar != CP932Table.invalid {
                        position = put(scalar, out, position)
                        index += 2
                        continue
                    }
                } else {
                    let scalar = table.single[Int(byte)]
                    if scalar != CP932Table.invalid {
                        position = put(scalar, out, position)
                        index += 1
                        continue
                    }
                }
                position = put(0xFFFD, out, position)
                invalid += 1
                index += 1
            }
            return (position, index, invalid)
        }
    }
}
