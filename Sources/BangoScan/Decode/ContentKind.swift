/// What the first bytes of a file say about it: its encoding, how many bytes of byte
/// order mark to skip, or that it is binary.
public enum ContentKind: Equatable, Sendable {
    case text(TextEncoding, bomLength: Int)
    case binary
}
