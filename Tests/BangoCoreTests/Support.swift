@testable import BangoCore

/// A fixed test key: fingerprints in tests are reproducible.
let testFingerprinter = try! Fingerprinter(keyBytes: Array("bango-test-fingerprint-key-0001".utf8))

func makeWorker(reveal: Bool = false, selection: DetectorSelection = .all) throws -> DetectionSession {
    let engine = try DetectionEngine.builtin(selection: selection)
    return DetectionSession(engine: engine, options: DetectionOptions(reveal: reveal, fingerprinter: testFingerprinter))
}

/// Detections as (detector, masked, confidence) triples: test failures print masked
/// values only, never raw identifiers.
func summary(_ text: String, worker: DetectionSession) -> [String] {
    worker.scan(text: text).detections.map { "\($0.detectorID) \($0.masked) \($0.confidence)" }
}
