/// Told of every manifest entry as it is recorded, from any worker thread: the audit
/// store writes targets as the scan goes, so that a run killed midway still holds what
/// it finished.
public protocol ManifestObserver: AnyObject, Sendable {
    func recorded(_ entry: ManifestEntry)
}
