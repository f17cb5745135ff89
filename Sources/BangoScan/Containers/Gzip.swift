import CZlibInflate

/// Decompresses gzip streams (RFC 1952) with zlib, concatenated members included,
/// within an ``UnpackBudget``.
enum Gzip {
    static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// The decompressed bytes. A stream that is corrupt or cut short throws `corrupt`
    /// with what was decompressed before the damage in `partial`, so the caller can
    /// still scan it.
    static func decompress(_ input: [UInt8], budget: inout UnpackBudget, partial: inout [UInt8]) throws(ContainerError)
    {
        var stream = z_stream()
        guard bango_inflate_init_gzip(&stream) == Z_OK else { throw .corrupt("zlib could not start") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var consumed = 0
        var finished = false
        while consumed < input.count {
            // SAFETY: zlib reads at most `avail_in` bytes from inside `input` and
            // writes at most `avail_out` into `output`; neither pointer outlives
            // this call, and the stream is not used again until they are reset.
            let (status, used, produced) = input.withUnsafeBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer -> (Int32, Int, Int) in
                    stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress.map { $0 + consumed })
                    stream.avail_in = UInt32(min(Int(UInt32.max), input.count - consumed))
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (
                        status, Int(UInt32(min(Int(UInt32.max), input.count - consumed)) - stream.avail_in),
                        outBuffer.count - Int(stream.avail_out)
                    )
                }
            }
            consumed += used
            if produced > 0 {
                try budget.consume(produced, memberSoFar: partial.count + produced, compressedSize: input.count)
                partial.append(contentsOf: output[0..<produced])
            }
            switch status {
            case Z_STREAM_END:
                finished = true
                // Another gzip member may follow (`cat a.gz b.gz`); trailing zeros may not.
                if consumed < input.count, input[consumed...].contains(where: { $0 != 0 }) {
                    guard inflateReset(&stream) == Z_OK else { throw .corrupt("zlib could not restart") }
                    finished = false
                } else {
                    consumed = input.count
                }
            case Z_OK:
                continue
            case Z_BUF_ERROR where used == 0 && produced == 0:
                throw .corrupt("truncated gzip stream")
            case Z_BUF_ERROR:
                continue
            default:
                throw .corrupt("invalid gzip data (zlib \(status))")
            }
        }
        if !finished { throw .corrupt("truncated gzip stream") }
    }
}
