#if canImport(Glibc)
    import Glibc
#endif

/// Turns text in one of the ``TextEncoding``s into UTF-8: UTF-16 and Shift_JIS with
/// ``FastDecoder`` (iconv's results, several times faster), the others with glibc's iconv.
///
/// Invalid input never stops decoding: each bad byte (a bad code unit in UTF-16) becomes
/// U+FFFD and decoding resumes after it, so one corrupt character cannot hide the rest
/// of a file. One per worker and encoding; not thread-safe.
final class Transcoder {
    let encoding: TextEncoding
    // SAFETY: `descriptor` is opened in init, used only by this object, and closed once
    // in deinit.
    private let descriptor: iconv_t
    /// Whether ``FastDecoder`` handles this encoding (tests turn it off to compare).
    private let fast: Bool

    /// Nil when iconv does not know the encoding (a libc without the Japanese tables).
    init?(encoding: TextEncoding, fast: Bool = true) {
        let opened = iconv_open("UTF-8", encoding.iconvName)
        // iconv_open reports failure as (iconv_t)-1.
        guard let opened, Int(bitPattern: opened) != -1 else { return nil }
        self.encoding = encoding
        descriptor = opened
        self.fast = fast && [.utf16LE, .utf16BE, .shiftJIS].contains(encoding)
    }

    deinit { iconv_close(descriptor) }

    /// Forgets any shift state (ISO-2022-JP's current character set) before a new text.
    func reset() {
        _ = iconv(descriptor, nil, nil, nil, nil)
    }

    /// The UTF-8 of U+FFFD, written for every invalid sequence.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Decodes `input`, appending UTF-8 to `output`.
    ///
    /// Returns how many input bytes were consumed and how many invalid sequences were
    /// replaced. Unless `isFinal`, an incomplete sequence at the end is left unconsumed
    /// for the caller to prepend to the next block; at the end of the text it counts as
    /// invalid.
    func decode(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout [UInt8]) -> (
        consumed: Int, invalid: Int
    ) {
        // SAFETY: `base` is only handed to iconv below, for the `inLeft` bytes still unread inside `input`.
        guard let base = input.baseAddress, !input.isEmpty else { return (0, 0) }
        if fast, let result = FastDecoder.decode(encoding, input, isFinal: isFinal, into: &output) { return result }
        var invalid = 0
        var consumed = 0
        let unit = encoding == .utf16LE || encoding == .utf16BE ? 2 : 1
        while consumed < input.count {
            // Room for the worst case (a half-width katakana byte becomes 3 bytes).
            let start = output.count
            let room = (input.count - consumed) * 3 + 16
            output.append(contentsOf: repeatElement(0, count: room))
            var inLeft = input.count - consumed
            var outLeft = room
            // SAFETY: iconv reads at most `inLeft` bytes from inside `input` and writes
            // at most `outLeft` bytes into the `room` bytes just appended to `output`;
            // both pointers live only for this call.
            let result = output.withUnsafeMutableBufferPointer { out -> Int in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base + consumed)
                    .assumingMemoryBound(to: CChar.self)
                guard let outBase = out.baseAddress else { return 0 }
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase + start)
                    .assumingMemoryBound(to: CChar.self)
                return iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            }
            let code = errno
            output.removeLast(outLeft)
            consumed = input.count - inLeft
            if result != -1 { break }
            switch code {
            case E2BIG:
                continue
            case EINVAL where !isFinal:
                return (consumed, invalid)  // an incomplete sequence: wait for more
            default:
                // EILSEQ, or a sequence cut by the end of the text.
                output.append(contentsOf: Self.replacement)
                invalid += 1
                consumed = min(input.count, consumed + unit)
            }
        }
        return (consumed, invalid)
    }
}
