import BangoCore
import BangoPatterns
import BangoScan
import Crypto

/// The digest of everything that decides what a file's findings are: bango's version,
/// the built-in packs' bytes, the user's packs, the detectors selected, a fingerprint
/// made with the key (so a new key invalidates, while the key itself stays secret), and
/// the options that change decoding and unpacking. Two runs with equal signatures find
/// the same findings in the same bytes, so an unchanged file's can carry over.
public struct ScanSignature {
    private var hasher = SHA256()

    public init(
        version: String, engine: DetectionEngine, userPacks: [(source: String, bytes: [UInt8])],
        fingerprinter: Fingerprinter, configuration: ScanConfiguration
    ) {
        add("version", version)
        for (name, bytes) in BuiltinPacks.all.sorted(by: { $0.0 < $1.0 }) { add("builtin:" + name, bytes) }
        for pack in userPacks { add("pack:" + pack.source, pack.bytes) }
        add("detectors", engine.detectors.map(\.id).sorted().joined(separator: ","))
        add("key", fingerprinter.fingerprint(detector: "bango.signature", normalizedValue: "probe").description)
        let limits = configuration.containerLimits
        add(
            "options",
            [
                "max-filesize=\(configuration.maxFileSize.map(String.init) ?? "none")",
                "binary=\(configuration.skipBinary)", "encoding=\(configuration.forcedEncoding?.rawValue ?? "auto")",
                "archives=\(configuration.unpackContainers)",
                "limits=\(limits.maxDepth),\(limits.maxTotalBytes),\(limits.maxMemberBytes),\(limits.maxMembers),\(limits.maxRatio)",
            ].joined(separator: ";"))
    }

    private mutating func add(_ label: String, _ value: String) { add(label, Array(value.utf8)) }

    /// Length-prefixed, so that no two different inputs hash alike.
    private mutating func add(_ label: String, _ bytes: [UInt8]) {
        for part in [Array(label.utf8), bytes] {
            hasher.update(data: (0..<8).map { UInt8(truncatingIfNeeded: part.count >> (8 * $0)) })
            hasher.update(data: part)
        }
    }

    /// The digest in hex.
    public var hex: String { Hex.encode(hasher.finalize()) }
}
