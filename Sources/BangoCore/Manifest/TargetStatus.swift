/// What became of one target the scan met.
public enum TargetStatus: String, Sendable, Codable {
    case scanned
    case skipped
    case failed
}
