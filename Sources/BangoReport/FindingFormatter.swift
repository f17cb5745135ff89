import BangoCore

/// Formats one file's findings as bytes. One formatter per format; each is tested
/// against golden files.
public protocol FindingFormatter: Sendable {
    func format(_ findings: [Finding]) -> [UInt8]
}

/// A formatter that writes into a buffer it is handed, so a sink can use one buffer for
/// every batch of findings instead of a fresh one (fresh memory of that size comes from
/// the kernel, page by page) plus a copy into an array each time.
protocol BufferedFindingFormatter: FindingFormatter {
    func write(_ findings: [Finding], to output: inout ByteBuffer)
}
