import BangoCore

/// A text read front to back into decoded blocks (see ``BlockDecoder``): one worker
/// decodes while other workers scan the blocks it hands over.
final class BlockedText: Sendable {
    let origin: TargetOrigin
    let results: OrderedResults

    /// - Parameter size: the encoded size, when known before reading (not for a stream).
    init(origin: TargetOrigin, labels: FindingLabels, size: Int?, encoding: TextEncoding) {
        self.origin = origin
        // The number of blocks is known only when decoding ends.
        results = OrderedResults(
            labels: labels, totals: ScanTotals(bytes: size ?? 0, encoding: encoding), expectedPieces: nil)
    }
}
