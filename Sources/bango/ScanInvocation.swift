import ArgumentParser
import BangoCore
import BangoReport
import BangoScan
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One scan as the command line runs it: the engine and key, the sink on stdout, the
/// run, then the summary, the manifest and the exit status.
struct ScanInvocation {
    let report: ReportOptions
    let packs: PackOptions

    func run(sources: [ScanSource], configuration: ScanConfiguration) throws -> ExitStatus {
        OutputStream.ignoreBrokenPipeSignal()
        let errors = OutputStream(fd: 2)
        let started = Date()
        let engine = try packs.engine(errors: errors)
        let fingerprinter: Fingerprinter
        do {
            fingerprinter = try FingerprintKeyStore.fingerprinter(keyFile: report.fingerprintKeyFile)
        } catch {
            errors.write("bango: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
        let stdout = OutputStream(fd: 1)
        let formatter: FindingFormatter = report.format == .jsonl ? JSONLinesFormatter() : TextFormatter()
        let sink = ReportingSink(
            formatter: formatter, stream: stdout, minimumShown: report.minConfidence.level,
            failThreshold: report.failOn.level
        ) { failingFindingSeen in
            // The reader went away (`| head`): stop quietly. Findings already went out,
            // so the exit code still says whether any reached --fail-on.
            Glibc.exit(failingFindingSeen ? ExitStatus.findings.rawValue : ExitStatus.clean.rawValue)
        }
        let manifest = Manifest(keepsScannedEntries: report.manifestPath != nil)
        let run = ScanRun(
            configuration: configuration, engine: engine,
            options: DetectionOptions(reveal: report.reveal, fingerprinter: fingerprinter), sink: sink,
            manifest: manifest)
        run.run(sources: sources)

        let counts = sink.counts
        let summary = RunSummary(
            manifest: manifest, findingsByLevel: counts.byLevel, shownFindings: counts.shown,
            seconds: Date().timeIntervalSince(started))
        if let code = stdout.writeError {
            errors.write("bango: cannot write output: \(String(cString: strerror(code)))\n")
            return .error
        }
        var manifestFailed = false
        if let path = report.manifestPath {
            do {
                try PrivateFile.write(Array(summary.json.utf8), to: path)
            } catch {
                errors.write("bango: \(error)\n")
                manifestFailed = true
            }
        }
        if !report.quiet { errors.write(summary.humanText) }
        if manifestFailed { return .error }
        return ExitStatus.forScan(
            failingFindings: counts.failingFindingSeen, failedTargets: summary.summary.failedCount,
            tolerateErrors: report.tolerateErrors)
    }
}
