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
        abstract: "Scan files and folders (default: the current folder); `-` reads standard input.")

    @Argument(help: "Files or folders to scan; `-` (or /dev/stdin) for standard input.")
    var paths: [String] = []

    @Option(
        name: .customLong("stdin-name"),
        help: ArgumentHelp("The path standard input is reported under (default <stdin>).", valueName: "path"))
    var stdinName: String?

    @OptionGroup(title: "Git") var git: GitOptions
    @OptionGroup(title: "Config") var config: ConfigOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup(title: "Baselines") var baseline: BaselineOptions
    @OptionGroup(title: "Audit store") var audit: AuditOptions
    @OptionGroup(title: "Sharding") var sharding: ShardOptions
    @OptionGroup var walk: WalkOptions
    @OptionGroup var containers: ContainerOptions
    @OptionGroup var packs: PackOptions
    @OptionGroup var tuning: TuningOptions

    func validate() throws {
        if paths.filter(Self.namesStandardInput).count > 1 {
            throw ValidationError("standard input can be scanned only once (`-` and /dev/stdin name the same stream)")
        }
        if git.isEnabled, paths.contains(where: Self.namesStandardInput) {
            throw ValidationError("standard input cannot be scanned together with --staged, --diff or --git-history")
        }
        if audit.store != nil, git.isEnabled || paths.contains(where: Self.namesStandardInput) {
            throw ValidationError(
                "--store records sweeps of files and folders, not --staged, --diff, --git-history or standard input")
        }
        if sharding.shard != nil {
            if git.isEnabled || paths.contains(where: Self.namesStandardInput) {
                throw ValidationError("--shard splits sweeps of files and folders, not git changes or standard input")
            }
            if ![.jsonl, .sarif].contains(report.format), report.outputPath != nil {
                throw ValidationError(
                    "--shard writes --format jsonl or sarif, which `bango merge` joins (the merged store's report gives CSV)"
                )
            }
            if report.sort == .path {
                throw ValidationError(
                    "--sort path cannot be kept across shards: `bango merge` writes shard after shard; sort the merged report"
                )
            }
            if report.manifestPath == nil {
                throw ValidationError(
                    "--shard needs --manifest: the manifest says which shard wrote what, for `bango merge`")
            }
        }
        if stdinName != nil, !paths.contains(where: Self.namesStandardInput) {
            throw ValidationError("--stdin-name needs `-` (or /dev/stdin) among the paths")
        }
    }

    static func namesStandardInput(_ path: String) -> Bool { path == "-" || path == "/dev/stdin" }

    /// The paths given, or the current folder.
    var scannedPaths: [String] { paths.isEmpty ? ["."] : paths }

    /// The sources the paths name: standard input for `-`, else the path.
    var sources: [ScanSource] {
        scannedPaths.map { path in
            Self.namesStandardInput(path)
                ? .standardInput(name: TargetPath(stdinName ?? "<stdin>")) : .path(TargetPath(path))
        }
    }

    func run() throws {
        let errors = OutputStream(fd: 2)
        let file: ConfigFile?
        do {
            // Git scans and standard input take the config of the folder bango runs in.
            let starts = git.isEnabled ? ["."] : scannedPaths.map { Self.namesStandardInput($0) ? "." : $0 }
            file = try config.load(for: starts)
        } catch {
            errors.write("bango: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
        var walk = walk
        var report = report
        var packs = packs
        var baseline = baseline
        var audit = audit
        if let file {
            // A config's store records sweeps; a hook's or a pipe's scan leaves it alone.
            if !git.isEnabled, !paths.contains(where: Self.namesStandardInput) { audit.adopt(file) }
            walk.adopt(file)
            report.adopt(file)
            packs.adopt(file)
            baseline.adopt(file)
        }
        var configuration = ScanConfiguration()
        walk.apply(to: &configuration)
        containers.apply(to: &configuration)
        tuning.apply(to: &configuration)
        configuration.sortByPath = report.sort == .path
        let shard: ShardSpec?
        do {
            shard = try sharding.spec(chunkSize: configuration.loadPolicy.chunkSize)
        } catch {
            errors.write("bango: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
        if let shard {
            configuration.shard = ShardFilter(spec: shard, roots: scannedPaths.map { TargetPath($0) })
            // Every shard may write to one shared folder: each output is named by its shard.
            report.outputPath = report.outputPath.map { ShardOptions.named($0, by: shard) }
            report.manifestPath = report.manifestPath.map { ShardOptions.named($0, by: shard) }
            audit.store = audit.store.map { ShardOptions.named($0, by: shard) }
            baseline.writeBaseline = baseline.writeBaseline.map { ShardOptions.named($0, by: shard) }
        }
        var sources = sources
        var sourceRoot = FileManager.default.currentDirectoryPath
        if git.isEnabled {
            do {
                let source = try git.source(paths: paths, configuration: configuration)
                sources = [.producer(source)]
                // git reports paths relative to the top of the work tree.
                sourceRoot = source.repository.root
            } catch {
                errors.write("bango: \(error)\n")
                throw ExitCode(ExitStatus.error.rawValue)
            }
        }
        // A gate (a git change, a pipe) must not pass because content went unscanned.
        let isGate = git.isEnabled || paths.contains(where: Self.namesStandardInput)
        let status = try ScanInvocation(
            report: report, packs: packs, baseline: baseline, sourceRoot: sourceRoot, config: file,
            failsOnSkip: report.failOnSkip ?? isGate, audit: audit, roots: scannedPaths, shard: shard
        ).run(
            sources: sources, configuration: configuration)
        throw ExitCode(status.rawValue)
    }
}
