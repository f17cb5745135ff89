import ArgumentParser
import BangoCore
import BangoReport
import BangoScan
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One scan as the command line runs it: the engine and key, the sinks in front of the
/// report, the run, then the summary, the manifest, the baseline and the exit status.
struct ScanInvocation {
    let report: ReportOptions
    let packs: PackOptions
    let baseline: BaselineOptions
    /// The folder relative paths in reports are relative to (SARIF's `%SRCROOT%`).
    let sourceRoot: String
    /// The `.bango.yaml` in force, whose values the options above have adopted.
    let config: ConfigFile?
    /// Whether skips that hide content fail the run (`--fail-on-skip`, or its default).
    let failsOnSkip: Bool
    /// The audit store and progress line.
    let audit: AuditOptions
    /// The paths named on the command line (for the audit store's roots).
    let roots: [String]
    /// The part of a sweep this scan is (`--shard`), recorded in its manifest.
    let shard: ShardSpec?

    func run(sources: [ScanSource], configuration: ScanConfiguration) throws -> ExitStatus {
        var configuration = configuration
        OutputStream.ignoreBrokenPipeSignal()
        let errors = OutputStream(fd: 2)
        let started = Date()
        // Loaded once: loading probes each user regex for backtracking, and the scan's
        // signature needs the same packs.
        let userPacks = try packs.userPacks(errors: errors)
        let engine = try packs.engine(errors: errors, config: config, user: userPacks)
        let fingerprinter: Fingerprinter
        var accepted: Baseline?
        var file: PrivateFile?
        do {
            fingerprinter = try FingerprintKeyStore.fingerprinter(keyFile: report.fingerprintKeyFile)
            if let path = baseline.baseline { accepted = try Baseline.load(path: path) }
            if let path = report.outputPath { file = try PrivateFile(creating: path) }
        } catch {
            errors.write("bango: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
        let output = file?.stream ?? OutputStream(fd: 1)
        let formatting = ReportFormatting(format: report.format, reveal: report.reveal)
        output.write(formatting.header)
        let sink = ReportingSink(
            formatter: formatting.formatter, stream: output, minimumShown: report.minimumShown,
            failThreshold: report.failThreshold
        ) { failingFindingSeen in
            // The reader went away (`| head`): stop quietly. Findings already went out,
            // so the exit code still says whether any reached --fail-on.
            Glibc.exit(failingFindingSeen ? ExitStatus.findings.rawValue : ExitStatus.clean.rawValue)
        }
        let suppressing = SuppressingSink(
            next: sink, baseline: accepted, recordsBaseline: baseline.writeBaseline != nil,
            minimumRecorded: report.minimumRecorded,
            isAllowedPath: (config?.allowPaths).flatMap {
                $0.isEmpty ? nil : PathFilter.matcher(for: $0.map(Glob.init))
            })
        // Hashed once (it reads every pack): the store's key and a shard's sweep record.
        let signature: String? =
            audit.store != nil || shard != nil
            ? AuditRecording.signature(
                engine: engine, userPacks: userPacks, fingerprinter: fingerprinter, configuration: configuration)
            : nil
        let recording = try AuditRecording.begin(
            audit: audit, roots: roots, packs: packs, report: report, signature: signature, errors: errors)
        if recording != nil {
            configuration.stampsFiles = true
            configuration.hashesContent = audit.verify
        }
        let manifest = Manifest(
            keepsScannedEntries: report.manifestPath != nil || formatting.needsScannedEntries,
            observer: recording?.run.observer)
        let run = ScanRun(
            configuration: configuration, engine: engine,
            options: DetectionOptions(reveal: report.reveal, fingerprinter: fingerprinter),
            sink: recording?.run.sink(next: suppressing) ?? suppressing, manifest: manifest,
            prior: recording?.run.priorScan)
        let interrupts = InterruptHandler { run.interrupt() }
        // On by default when stderr is a terminal that the findings do not also go to
        // (they would tear the line): `bango scan --store … -o report.jsonl /share`.
        let showsProgress =
            audit.progress ?? (isatty(2) != 0 && (report.outputPath != nil || isatty(1) == 0) && !report.quiet)
        let progress =
            showsProgress
            ? ProgressLine(stream: errors, expectedBytes: recording?.run.expectedBytes) {
                let summary = manifest.summary
                return ProgressLine.Snapshot(
                    files: summary.scannedFiles, bytes: summary.scannedBytes, folder: run.currentFolder)
            } : nil
        run.run(sources: sources)
        progress?.finish()
        withExtendedLifetime(interrupts) {}

        let counts = sink.counts
        let suppression = suppressing.counts
        let summary = RunSummary(
            manifest: manifest, findingsByLevel: counts.byLevel, shownFindings: counts.shown,
            seconds: Date().timeIntervalSince(started),
            suppression: accepted != nil || suppression != SuppressingSink.Counts() ? suppression : nil,
            minimumShown: report.minimumShown, interrupted: run.isInterrupted,
            failingOnHiddenFindings: counts.failingFindingSeen && !counts.failingFindingShown
                && baseline.writeBaseline == nil ? report.failThreshold : nil)
        let (document, note) = formatting.document(summary: summary, engine: engine, sourceRoot: sourceRoot)
        output.write(document)
        var writeFailed = false
        if let recording,
            !recording.finish(
                summary: summary.summary, interrupted: run.isInterrupted, quiet: report.quiet, errors: errors)
        {
            writeFailed = true
        }
        do { try file?.commit() } catch {
            errors.write("bango: \(error)\n")
            writeFailed = true
        }
        if file == nil, let code = output.writeError {
            errors.write("bango: cannot write output: \(String(cString: strerror(code)))\n")
            return .error
        }
        var files: [(path: String, bytes: [UInt8])] = []
        if let path = report.manifestPath {
            let sweep = shard.flatMap { spec in signature.map { sweepShard(spec, signature: $0, shown: counts.shown) } }
            files.append((path, Array(summary.json(sweep: sweep).utf8)))
        }
        if let path = baseline.writeBaseline { files.append((path, suppressing.recordedBaseline.json)) }
        for file in files {
            do { try PrivateFile.write(file.bytes, to: file.path) } catch {
                errors.write("bango: \(error)\n")
                writeFailed = true
            }
        }
        let hidden = summary.summary.skipped.filter { $0.key.hidesContent }
        let hidingSkips = failsOnSkip ? hidden.values.reduce(0, +) : 0
        if hidingSkips > 0 {
            // Said even with --quiet: the exit code alone would not say what to fix.
            let parts = hidden.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.phrase): \($0.value)" }
            errors.write(
                "bango: exit 2: \(hidingSkips) target\(hidingSkips == 1 ? "" : "s") skipped with content unscanned ("
                    + parts.joined(separator: ", ") + "); raise the limit, or --no-fail-on-skip to accept\n")
        }
        if !report.quiet {
            errors.write(summary.humanText)
            if let note { errors.write(note) }
        }
        if writeFailed { return .error }
        if run.isInterrupted { return .interrupted }
        return ExitStatus.forScan(
            // Writing a baseline accepts what was found: only a failed scan fails it.
            failingFindings: counts.failingFindingSeen && baseline.writeBaseline == nil,
            failedTargets: summary.summary.failedCount, tolerateErrors: report.tolerateErrors,
            hidingSkips: hidingSkips)
    }

    /// The manifest's account of this shard: which one, of which sweep, and what it wrote.
    private func sweepShard(_ spec: ShardSpec, signature: String, shown: Int) -> SweepShard {
        var outputs: [SweepShard.Output] = []
        if let path = report.outputPath {
            var info = stat()
            let bytes = stat(path, &info) == 0 ? Int(info.st_size) : nil
            outputs.append(
                SweepShard.Output(
                    file: URL(fileURLWithPath: path).lastPathComponent, format: report.format.rawValue, bytes: bytes,
                    findings: shown))
        }
        if let path = audit.store {
            outputs.append(SweepShard.Output(file: URL(fileURLWithPath: path).lastPathComponent, format: "store"))
        }
        let options = [
            "format": report.format.rawValue, "min-confidence": report.minimumShown.name,
            "reveal": String(report.reveal), "only": packs.only ?? "", "skip": packs.skip ?? "",
            "sort": report.sort.rawValue,
        ]
        return SweepShard(
            index: spec.index, count: spec.count, pieceSize: spec.pieceSize, roots: roots, catalogue: signature,
            options: options, outputs: outputs)
    }
}
