import ArgumentParser
import BangoCore
import BangoReport
import BangoScan
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan files and folders (default: the current folder).")

    @Argument(help: "Files or folders to scan.")
    var paths: [String] = []

    @Option(help: "Output format: text or jsonl.")
    var format: OutputFormatArgument = .text

    @Option(name: .customLong("min-confidence"), help: "Show findings at or above this level: low, medium, high.")
    var minConfidence: ConfidenceArgument = .init(.low)

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding reaches this level: low, medium, high or never.")
    var failOn: FailThreshold = .init(.low)

    @Flag(help: "Show raw values instead of masked ones. Reports then hold personal data.")
    var reveal = false

    @Option(name: .customLong("fingerprint-key-file"), help: ArgumentHelp(
        "File whose bytes are the HMAC key for fingerprints (else $BANGO_FINGERPRINT_KEY, else a key kept in ~/.config/bango).",
        valueName: "path"))
    var fingerprintKeyFile: String?

    @Flag(name: .customLong("respect-gitignore"), help: "Skip what .gitignore files ignore (off: dumps hide there).")
    var respectGitignore = false

    @Option(name: .customLong("include"), help: ArgumentHelp("Scan only files matching this glob (repeatable).", valueName: "glob"))
    var includes: [String] = []

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Skip files and folders matching this glob (repeatable).", valueName: "glob"))
    var excludes: [String] = []

    @Option(name: .customLong("max-filesize"), help: ArgumentHelp("Skip files larger than this (e.g. 50M, 2G).", valueName: "size"))
    var maxFileSize: ByteSize?

    @Flag(name: [.customLong("follow"), .customShort("L")], help: "Follow symbolic links (loops are detected).")
    var follow = false

    @Option(name: [.customLong("threads"), .customShort("j")], help: "Worker threads (default: one per core).")
    var threads: Int?

    @Flag(name: .customLong("tolerate-errors"), help: "Do not exit 2 because some targets could not be read; they are still reported.")
    var tolerateErrors = false

    @Option(name: .customLong("manifest"), help: ArgumentHelp("Write a JSON account of every target to this file (mode 0600).", valueName: "path"))
    var manifestPath: String?

    @OptionGroup var packs: PackOptions

    @Option(name: .customLong("sort"), help: "Sort output: none (fastest) or path.")
    var sort: SortOrder = .none

    @Flag(name: .customLong("binary"), help: "Scan files with NUL bytes instead of skipping them.")
    var scanBinary = false

    @Option(name: .customLong("encoding"), help: ArgumentHelp(
        "Decode every file as this encoding instead of detecting it: auto, utf-8, utf-16le, utf-16be, shift_jis (cp932), euc-jp, iso-2022-jp.",
        valueName: "name"))
    var encoding: EncodingArgument = .auto

    @Flag(name: .customLong("no-archives"), help: "Do not open archives, office documents, PDFs or e-mail; treat them as other files (compressed ones are usually skipped as binary).")
    var noArchives = false

    @Option(name: .customLong("max-archive-depth"), help: ArgumentHelp("Containers inside containers to open (default 8).", valueName: "n"))
    var maxArchiveDepth: Int?

    @Option(name: .customLong("max-archive-bytes"), help: ArgumentHelp("Decompressed bytes one file's members may total (default 1G).", valueName: "size"))
    var maxArchiveBytes: ByteSize?

    @Option(name: .customLong("max-member-size"), help: ArgumentHelp("Decompressed bytes of one member (default 256M).", valueName: "size"))
    var maxMemberSize: ByteSize?

    @Option(name: .customLong("max-archive-members"), help: ArgumentHelp("Members one file may hold, all levels (default 100000).", valueName: "n"))
    var maxArchiveMembers: Int?

    @Option(name: .customLong("max-compression-ratio"), help: ArgumentHelp("Largest decompressed:compressed ratio of a member past 1 MiB (default 200).", valueName: "n"))
    var maxCompressionRatio: Int?

    @Flag(name: [.customLong("quiet"), .customShort("q")], help: "No summary on stderr.")
    var quiet = false

    @Option(name: .customLong("mmap-threshold"), help: ArgumentHelp("Map files (or chunks) at least this big; smaller ones are read. 'never' disables mapping.", valueName: "size"))
    var mmapThreshold: MapThreshold?

    @Option(name: .customLong("chunk-size"), help: ArgumentHelp("Split files larger than this into chunks scanned in parallel.", valueName: "size"))
    var chunkSize: ByteSize?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let chunkSize, chunkSize.bytes < 4096 { throw ValidationError("--chunk-size must be at least 4K") }
        for (name, value) in [("--max-archive-depth", maxArchiveDepth), ("--max-archive-members", maxArchiveMembers),
                              ("--max-compression-ratio", maxCompressionRatio)]
        where (value ?? 1) < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
    }

    func run() throws {
        OutputStream.ignoreBrokenPipeSignal()
        let errors = OutputStream(fd: 2)
        let started = Date()

        let engine = try packs.engine(errors: errors)
        let fingerprinter: Fingerprinter
        do {
            fingerprinter = try FingerprintKeyStore.fingerprinter(keyFile: fingerprintKeyFile)
        } catch {
            errors.write("bango: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }

        var configuration = ScanConfiguration()
        if let threads { configuration.threads = threads }
        configuration.respectGitignore = respectGitignore
        configuration.includeGlobs = includes.map(Glob.init)
        configuration.excludeGlobs = excludes.map(Glob.init)
        configuration.maxFileSize = maxFileSize?.bytes
        configuration.followSymlinks = follow
        configuration.skipBinary = !scanBinary
        configuration.forcedEncoding = encoding.forced
        configuration.sortByPath = sort == .path
        if let mmapThreshold { configuration.loadPolicy.mmapThreshold = mmapThreshold.bytes }
        if let chunkSize { configuration.loadPolicy.chunkSize = chunkSize.bytes }
        configuration.unpackContainers = !noArchives
        if let maxArchiveDepth { configuration.containerLimits.maxDepth = maxArchiveDepth }
        if let maxArchiveBytes { configuration.containerLimits.maxTotalBytes = maxArchiveBytes.bytes }
        if let maxMemberSize { configuration.containerLimits.maxMemberBytes = maxMemberSize.bytes }
        if let maxArchiveMembers { configuration.containerLimits.maxMembers = maxArchiveMembers }
        if let maxCompressionRatio { configuration.containerLimits.maxRatio = maxCompressionRatio }

        let stdout = OutputStream(fd: 1)
        let formatter: FindingFormatter = format == .jsonl ? JSONLinesFormatter() : TextFormatter()
        let sink = ReportingSink(
            formatter: formatter, stream: stdout, minimumShown: minConfidence.level, failThreshold: failOn.level)
        sink.onClosedOutput = { [unowned sink] in
            // The reader went away (`| head`): stop quietly. Findings already went out,
            // so the exit code still says whether any reached --fail-on.
            Glibc.exit(sink.failingFindingSeen ? ExitStatus.findings.rawValue : ExitStatus.clean.rawValue)
        }

        let manifest = Manifest(keepsScannedEntries: manifestPath != nil)
        let run = ScanRun(
            configuration: configuration, engine: engine,
            options: DetectionOptions(reveal: reveal, fingerprinter: fingerprinter),
            sink: sink, manifest: manifest)
        let roots = paths.isEmpty ? ["."] : paths
        run.run(roots: roots.map(TargetPath.init))

        let report = RunSummary(
            manifest: manifest, findingsByLevel: sink.countsByLevel, shownFindings: sink.shownCount,
            seconds: Date().timeIntervalSince(started))
        if let code = stdout.writeError {
            errors.write("bango: cannot write output: \(String(cString: strerror(code)))\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
        var manifestFailed = false
        if let manifestPath {
            do {
                try PrivateFile.write(Array(report.json.utf8), to: manifestPath)
            } catch {
                errors.write("bango: \(error)\n")
                manifestFailed = true
            }
        }
        if !quiet { errors.write(report.humanText) }
        let status = ExitStatus.forScan(
            failingFindings: sink.failingFindingSeen, failedTargets: report.summary.failedCount,
            tolerateErrors: tolerateErrors)
        throw ExitCode(manifestFailed ? ExitStatus.error.rawValue : status.rawValue)
    }
}
