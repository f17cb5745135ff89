#if canImport(Glibc)
    import Glibc
#endif

/// `text` in another encoding (`CP932`, `EUC-JP`, `ISO-2022-JP`, `UTF-16LE`, …) made by
/// glibc's iconv, the same tables Japanese exports are written with, so test fixtures
/// show in code what bytes they hold. Empty when iconv cannot encode all of `text`
/// (ISO-2022-JP has no half-width katakana, for one).
public func encode(_ text: String, as encoding: String) -> [UInt8] {
    guard let descriptor = iconv_open(encoding, "UTF-8"), Int(bitPattern: descriptor) != -1 else { return [] }
    defer { iconv_close(descriptor) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
    var inLeft = input.count
    var outLeft = output.count
    input.withUnsafeMutableBytes { inRaw in
        output.withUnsafeMutableBytes { outRaw in
            // SAFETY: iconv stays within the `inLeft` and `outLeft` bytes of the two
            // buffers, which outlive this closure.
            var inPointer = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
            var outPointer = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
            _ = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)  // back to ASCII (ISO-2022-JP)
        }
    }
    return inLeft == 0 ? Array(output[0..<(output.count - outLeft)]) : []
}
