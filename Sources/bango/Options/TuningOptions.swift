import ArgumentParser
import BangoScan

/// Threads and the loader's policy (see the README's Performance section).
struct TuningOptions: ParsableArguments {
    @Option(
        name: [.customLong("threads"), .customShort("j", allowingJoined: true)],
        help: "Worker threads (default: one per core); `-j2` as well as `-j 2`, as ripgrep takes it.")
    var threads: Int?

    @Option(
        name: .customLong("mmap-threshold"),
        help: ArgumentHelp(
            "Map files (or chunks) at least this big; smaller ones are read. 'never' disables mapping.",
            valueName: "size"))
    var mmapThreshold: MapThreshold?

    @Option(
        name: .customLong("chunk-size"),
        help: ArgumentHelp("Split files larger than this into chunks scanned in parallel.", valueName: "size"))
    var chunkSize: ByteSize?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let chunkSize, chunkSize.bytes < 4096 { throw ValidationError("--chunk-size must be at least 4K") }
    }

    func apply(to configuration: inout ScanConfiguration) {
        if let threads { configuration.threads = threads }
        if let mmapThreshold { configuration.loadPolicy.mmapThreshold = mmapThreshold.bytes }
        if let chunkSize { configuration.loadPolicy.chunkSize = chunkSize.bytes }
    }
}
