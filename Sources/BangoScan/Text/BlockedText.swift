import BangoCore

/// A text read front to back into decoded blocks (see ``BlockDecoder``): one worker
/// decodes while other workers scan the blocks it hands over.
final class BlockedText: Sendable {
    let origin: TargetOrigin
    let results: OrderedResults

    init(origin: TargetOrigin, results: OrderedResults) {
        self.origin = origin
        self.results = results
    }
}
