import ArgumentParser
import BangoAudit
import BangoCore
import BangoReport
import BangoScan
import Foundation

/// A scan's run in the audit store, as the command line begins and ends it.
struct AuditRecording {
    let store: AuditStore
    let run: RecordedRun

    /// Opens the store and begins a run on `roots` with the scan's ``signature(engine:userPacks:fingerprinter:configuration:)``;
    /// nil without `--store`.
    static func begin(
        audit: AuditOptions, roots: [String], packs: PackOptions, report: ReportOptions, signature: String?,
        errors: BangoReport.OutputStream
    ) throws -> AuditRecording? {
        guard let path = audit.store, let signature else { return nil }
        let absolute = roots.map { URL(fileURLWithPath: $0).standardized.path }
        let options: [String: String] = [
            "paths": roots.joined(separator: " "), "only": packs.only ?? "", "skip": packs.skip ?? "",
            "verify": String(audit.verify), "reveal": String(report.reveal),
        ]
        let plan = RunPlan(
            roots: absolute, signature: signature,
            options: "{"
                + options.sorted { $0.key < $1.key }.map { "\(JSON.quote($0.key)): \(JSON.quote($0.value))" }
                .joined(separator: ", ") + "}",
            version: Bango.version, carriesOver: !report.reveal, verifiesContent: audit.verify)
        do {
            let store = try AuditStore(path: path)
            let run = try RecordedRun(store: store, plan: plan)
            if !report.quiet { for note in run.notes { errors.write("bango: \(note)\n") } }
            return AuditRecording(store: store, run: run)
        } catch {
            errors.write("bango: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
    }

    /// The digest of what decides a file's findings (``ScanSignature``): the store's key
    /// for carrying findings over, and a shard's proof that it belongs to its sweep.
    static func signature(
        engine: DetectionEngine, userPacks: [PatternPack], fingerprinter: Fingerprinter,
        configuration: ScanConfiguration
    ) -> String {
        let packFiles = userPacks.map { pack in
            (source: pack.source, bytes: (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: pack.source)))) ?? [])
        }
        return ScanSignature(
            version: Bango.version, engine: engine, userPacks: packFiles, fingerprinter: fingerprinter,
            configuration: configuration
        ).hex
    }

    /// Ends the run; false when the store could not take it (the scan then exits 2).
    func finish(summary: ManifestSummary, interrupted: Bool, quiet: Bool, errors: BangoReport.OutputStream) -> Bool {
        do {
            let record = try run.finish(summary: summary, interrupted: interrupted)
            if !quiet { errors.write("bango: " + Self.describe(record, store: store.path) + "\n") }
            return true
        } catch {
            errors.write("bango: \(error)\n")
            return false
        }
    }

    /// `run 3 recorded in audit.db: 2 new, 10 persisting, 1 resolved since run 2; 4,990 files unchanged, not read`.
    static func describe(_ record: RunRecord, store: String) -> String {
        var text = "run \(record.id) recorded in \(store)"
        if record.status == .interrupted { return text + " as interrupted: the next run resumes it" }
        if let new = record.newFindings, let persisting = record.persistingFindings,
            let resolved = record.resolvedFindings
        {
            text += ": \(new) new, \(persisting) persisting, \(resolved) resolved"
            text += record.comparedRun.map { " since run \($0)" } ?? " (the first run on these roots)"
        }
        if record.unchangedFiles > 0 { text += "; \(record.unchangedFiles) files unchanged, not read" }
        return text
    }
}
