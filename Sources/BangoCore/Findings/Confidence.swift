/// How sure bango is that a finding is real, on Microsoft Purview's scale.
///
/// The raw values are Purview's scores, so reports can be compared with Purview's.
public enum Confidence: Int, Sendable, Comparable, CaseIterable, Codable, CustomStringConvertible {
    case low = 65
    case medium = 75
    case high = 85

    /// The score reported beside the level (85, 75 or 65).
    public var score: Int { rawValue }

    /// The lowercase name used on the command line and in reports.
    public var name: String {
        switch self {
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        }
    }

    public var description: String { name }

    /// Parses `high`, `medium` or `low`.
    public init?(name: String) {
        guard let match = Confidence.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = match
    }

    /// One level up, capped at high: what supporting evidence (a valid secondary check)
    /// does to a finding.
    public var raised: Confidence {
        switch self {
        case .low: .medium
        case .medium, .high: .high
        }
    }

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rawValue < rhs.rawValue }
}
