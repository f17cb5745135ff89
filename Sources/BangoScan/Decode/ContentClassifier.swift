/// Decides what a target's first bytes make it: a container to open, binary data to
/// skip, or text in an encoding.
struct ContentClassifier: Sendable {
    let configuration: ScanConfiguration

    enum Decision: Equatable {
        case container(ContainerKind)
        case binary
        /// Text, with the length of the byte order mark to skip when decoding.
        case text(TextEncoding, bomLength: Int)
    }

    /// The decision for a target named `name` whose first bytes are `head`. Containers
    /// are recognised by their bytes (the name only settles Office's encrypted files and
    /// e-mail), unless `--no-archives`.
    func classify(head: [UInt8], name: [UInt8], containers: Bool = true) -> Decision {
        if containers, configuration.unpackContainers,
            let kind = ContainerKind.sniff(head, name: String(decoding: name, as: UTF8.self))
        {
            return .container(kind)
        }
        switch contentKind(of: head) {
        case .binary where configuration.skipBinary: return .binary
        case .text(let encoding, let bomLength): return .text(encoding, bomLength: bomLength)
        case .binary: return .text(.utf8, bomLength: 0)  // --binary: scanned as the bytes are
        }
    }

    /// The encoding `--encoding` forces (skipping its byte order mark if the text has
    /// one), or the one the head suggests.
    func contentKind(of head: [UInt8]) -> ContentKind {
        guard let forced = configuration.forcedEncoding else { return EncodingDetector.detect(head) }
        let detected = EncodingDetector.detect(head.prefix(4))
        if case .text(forced, let bomLength) = detected { return .text(forced, bomLength: bomLength) }
        return .text(forced, bomLength: 0)
    }
}
