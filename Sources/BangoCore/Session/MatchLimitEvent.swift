/// A pattern that hit a PCRE2 resource limit; the rest of the scan went on.
public struct MatchLimitEvent: Sendable, Equatable {
    public var detectorID: String
    public var byteOffset: Int
    public var message: String
}
