import ArgumentParser
import BangoScan

/// Whether archives, documents and e-mail are opened, and the limits on what they may
/// unpack to.
struct ContainerOptions: ParsableArguments {
    @Flag(
        name: .customLong("no-archives"),
        help:
            "Do not open archives, office documents, PDFs or e-mail; treat them as other files (compressed ones are usually skipped as binary)."
    )
    var noArchives = false

    @Option(
        name: .customLong("max-archive-depth"),
        help: ArgumentHelp("Containers inside containers to open (default 8).", valueName: "n"))
    var maxArchiveDepth: Int?

    @Option(
        name: .customLong("max-archive-bytes"),
        help: ArgumentHelp("Decompressed bytes one file's members may total (default 1G).", valueName: "size"))
    var maxArchiveBytes: ByteSize?

    @Option(
        name: .customLong("max-member-size"),
        help: ArgumentHelp("Decompressed bytes of one member (default 256M).", valueName: "size"))
    var maxMemberSize: ByteSize?

    @Option(
        name: .customLong("max-archive-members"),
        help: ArgumentHelp("Members one file may hold, all levels (default 100000).", valueName: "n"))
    var maxArchiveMembers: Int?

    @Option(
        name: .customLong("max-compression-ratio"),
        help: ArgumentHelp(
            "Largest decompressed:compressed ratio of a member past 1 MiB (default 200).", valueName: "n"))
    var maxCompressionRatio: Int?

    func validate() throws {
        let counts = [
            ("--max-archive-depth", maxArchiveDepth), ("--max-archive-members", maxArchiveMembers),
            ("--max-compression-ratio", maxCompressionRatio),
        ]
        for (name, value) in counts where (value ?? 1) < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
    }

    func apply(to configuration: inout ScanConfiguration) {
        configuration.unpackContainers = !noArchives
        if let maxArchiveDepth { configuration.containerLimits.maxDepth = maxArchiveDepth }
        if let maxArchiveBytes { configuration.containerLimits.maxTotalBytes = maxArchiveBytes.bytes }
        if let maxMemberSize { configuration.containerLimits.maxMemberBytes = maxMemberSize.bytes }
        if let maxArchiveMembers { configuration.containerLimits.maxMembers = maxArchiveMembers }
        if let maxCompressionRatio { configuration.containerLimits.maxRatio = maxCompressionRatio }
    }
}
