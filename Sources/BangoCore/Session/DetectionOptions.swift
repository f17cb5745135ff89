/// How findings are presented: whether raw values are kept, and the fingerprint key.
public struct DetectionOptions: Sendable {
    public var reveal: Bool
    public var fingerprinter: Fingerprinter

    public init(reveal: Bool, fingerprinter: Fingerprinter) {
        self.reveal = reveal
        self.fingerprinter = fingerprinter
    }
}
