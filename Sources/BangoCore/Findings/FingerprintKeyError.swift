/// A fingerprint key that cannot be used.
public enum FingerprintKeyError: Error, Equatable, CustomStringConvertible {
    case tooShort(Int)

    public var description: String {
        switch self {
        case .tooShort(let count):
            "the fingerprint key is \(count) bytes; use at least 16 (32 random bytes are best)"
        }
    }
}
