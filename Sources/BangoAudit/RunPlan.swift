/// What a run to be recorded is: the identity that decides which earlier runs it is
/// compared with and may carry findings over from.
public struct RunPlan: Sendable {
    /// The roots as given, made absolute: runs on the same roots are one sweep's history.
    public var roots: [String]
    /// A digest of everything that decides a file's findings (the detector catalogue,
    /// the fingerprint key, decoding and container options): findings carry over only
    /// between runs with equal signatures.
    public var signature: String
    /// The options in force, as JSON, for the record.
    public var options: String
    public var version: String
    /// Whether unchanged files may carry their findings over (not with `--reveal`: the
    /// store holds masked values only, and the report must show raw ones).
    public var carriesOver: Bool
    /// `--verify`: files carry over only when their content hash is unchanged too.
    public var verifiesContent: Bool

    public init(
        roots: [String], signature: String, options: String, version: String, carriesOver: Bool = true,
        verifiesContent: Bool = false
    ) {
        self.roots = roots
        self.signature = signature
        self.options = options
        self.version = version
        self.carriesOver = carriesOver
        self.verifiesContent = verifiesContent
    }

    /// The key runs on the same roots share.
    var rootsKey: String { roots.sorted().joined(separator: "\n") }
}
