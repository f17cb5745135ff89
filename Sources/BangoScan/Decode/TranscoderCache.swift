/// One worker's transcoders, one per encoding it has met, made when first needed and
/// reused across targets (opening an iconv descriptor costs more than a small file).
final class TranscoderCache {
    private var transcoders: [TextEncoding: Transcoder?] = [:]

    /// The transcoder for `encoding`, or nil when this system's iconv lacks it.
    func transcoder(for encoding: TextEncoding) -> Transcoder? {
        if let existing = transcoders[encoding] { return existing }
        let made = Transcoder(encoding: encoding)
        transcoders[encoding] = made
        return made
    }

    /// `bytes` in a MIME charset as UTF-8, or nil for a charset bango does not decode.
    func decode(_ bytes: [UInt8], charset: String) -> [UInt8]? {
        if ["us-ascii", "ascii", "utf-8", "utf8"].contains(charset) { return bytes }
        guard let encoding = TextEncoding(name: charset), let transcoder = transcoder(for: encoding) else { return nil }
        transcoder.reset()
        var output: [UInt8] = []
        // SAFETY: the view lives only for the decode call, over the caller's array.
        _ = bytes.withUnsafeBytes { transcoder.decode($0, isFinal: true, into: &output) }
        return output
    }
}
