import BangoCore
import Foundation

@testable import BangoScan

let testFingerprinter = try! Fingerprinter(keyBytes: Array("bango-test-fingerprint-key-0001".utf8))

/// Collects findings in memory.
///
/// SAFETY of `@unchecked Sendable`: a run calls a sink's `write` never concurrently (the
/// `FindingSink` contract, kept by `OutputGate`'s lock), and the tests read `batches`
/// only after the run has returned.
final class CollectingSink: FindingSink, @unchecked Sendable {
    private(set) var batches: [[Finding]] = []
    var findings: [Finding] { batches.flatMap { $0 } }
    func write(_ findings: [Finding]) { batches.append(findings) }
}

/// A temporary folder removed when the test ends.
final class TemporaryDirectory {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "bango-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        write(relative, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) -> String {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }
}

struct ScanResult {
    var findings: [Finding]
    var manifest: Manifest
    var batches: [[Finding]]

    /// "path:line:column detector masked confidence", sorted: a stable text to compare.
    var lines: [String] {
        findings.map { "\($0.path):\($0.line):\($0.column) \($0.detector) \($0.masked) \($0.confidence)" }.sorted()
    }

    func entries(_ reason: TargetReason) -> [ManifestEntry] {
        manifest.sortedEntries.filter { $0.reason == reason }
    }
}

func scan(
    _ roots: [String], configure: (inout ScanConfiguration) -> Void = { _ in },
    selection: DetectorSelection = .all
) throws -> ScanResult {
    var configuration = ScanConfiguration()
    configure(&configuration)
    let sink = CollectingSink()
    let manifest = Manifest(keepsScannedEntries: true)
    let run = ScanRun(
        configuration: configuration, engine: try DetectionEngine.builtin(selection: selection),
        options: DetectionOptions(reveal: false, fingerprinter: testFingerprinter), sink: sink, manifest: manifest)
    run.run(roots: roots.map(TargetPath.init))
    return ScanResult(findings: sink.findings, manifest: manifest, batches: sink.batches)
}
