import BangoCore
import BangoScan
import CFuzzDriver

#if canImport(Glibc)
    import Glibc
#endif

/// One input as one in-memory file, scanned the way a sweep scans a file it met.
struct OneTarget: TargetProducer {
    let target: ScanTarget

    func produce(yield: (ScanTarget) -> Void, record: (TargetOutcome, TargetOrigin) -> Void) { yield(target) }
}

final class Discard: FindingSink, Sendable {
    func write(_ findings: [Finding]) {}
}

/// The catalogue and key, made once: the same for every input.
struct Fixed: Sendable {
    let engine: DetectionEngine
    let fingerprinter: Fingerprinter
    static let names = ["a.zip", "a.docx", "a.xlsx", "a.eml", "a.gz", "a.tar", "a.csv", "a.txt", "a.pptx", "a.odt"]
}

nonisolated(unsafe) var fixed: Fixed?

/// Any bytes, as a file of the type the first byte picks, through the whole scan path.
func scan(_ bytes: [UInt8]) {
    guard let first = bytes.first, let fixed else { return }
    var configuration = ScanConfiguration()
    configuration.threads = 1
    let name = TargetPath(Fixed.names[Int(first) % Fixed.names.count])
    let target = ScanTarget(origin: TargetOrigin(path: name), content: .bytes(Array(bytes.dropFirst())))
    let run = ScanRun(
        configuration: configuration, engine: fixed.engine,
        options: DetectionOptions(reveal: false, fingerprinter: fixed.fingerprinter), sink: Discard())
    run.run(sources: [.producer(OneTarget(target: target))])
}

do {
    fixed = Fixed(
        engine: try DetectionEngine(packs: PatternPack.builtin()),
        fingerprinter: try Fingerprinter(keyBytes: Array("fuzz-key-0123456789abcdef".utf8)))
} catch {
    print("FuzzScan: \(error)")
    exit(2)
}
var argc = CommandLine.argc
// SAFETY: argv is the process's own argument vector, alive for the whole run; libFuzzer
// reads (and may reorder) it, as its C main would.
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        // SAFETY: libFuzzer passes `size` readable bytes at `data` for the length of this call; they are copied.
        scan(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    })
