import BangoCore
import BangoTestSupport
import Benchmark

/// Matcher, validator and scorer throughput on in-memory text, without I/O.
/// The corpus is made here from a fixed seed; identifiers are synthetic.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5), maxIterations: 40)

    let text = makeText(bytes: 16 << 20)
    let fingerprinter = try! Fingerprinter(keyBytes: Array("benchmark-key-0000000000".utf8))

    Benchmark("engine scan, 16 MiB mixed Japanese/English text (all detectors)") { benchmark in
        let worker = DetectionSession(
            engine: try! DetectionEngine.builtin(), options: DetectionOptions(reveal: false, fingerprinter: fingerprinter))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            text.withUnsafeBytes { blackHole(worker.scan($0, reportRange: 0..<$0.count).detections.count) }
        }
    }

    Benchmark("digit-cluster prefilter alone, 16 MiB") { benchmark in
        for _ in benchmark.scaledIterations {
            text.withUnsafeBytes { raw in
                var clusters = 0
                DigitClusterPrefilter.scan(raw, range: 0..<raw.count, minimumDigits: 12) { _ in clusters += 1 }
                blackHole(clusters)
            }
        }
    }

    // Every built-in keyword and trigger literal: the engine's own one-pass scanner,
    // Hyperscan's pass (with a scratch, as workers scan) and the portable pass.
    let scanner = try! DetectionEngine.builtin().literals
    let scratch = scanner.makeScratch()
    for (name, scratch) in [("Hyperscan", Optional(scratch)), ("portable", nil)] {
        Benchmark("keyword and literal scanner alone, \(name), 16 MiB (every built-in keyword and literal)") { benchmark in
            var hits: [LiteralScanner.Hit] = []
            for _ in benchmark.scaledIterations {
                hits.removeAll(keepingCapacity: true)
                text.withUnsafeBytes { scanner.scan($0, in: 0..<$0.count, into: &hits, scratch: scratch) }
                blackHole(hits.count)
            }
        }
    }

    var generator = SyntheticIdentifiers(seed: 1)
    let numbers = (0..<10_000).map { _ in Array(generator.myNumber().utf8) }
    let corporate = (0..<10_000).map { _ in Array(generator.corporateNumber().utf8) }
    Benchmark("validate 10k My Numbers") { benchmark in
        for _ in benchmark.scaledIterations {
            var valid = 0
            for number in numbers { number.withUnsafeBufferPointer { if Validators.isValidMyNumber($0) { valid += 1 } } }
            blackHole(valid)
        }
    }
    Benchmark("validate 10k corporate numbers") { benchmark in
        for _ in benchmark.scaledIterations {
            var valid = 0
            for number in corporate { number.withUnsafeBufferPointer { if Validators.isValidCorporateNumber($0) { valid += 1 } } }
            blackHole(valid)
        }
    }
}

/// Lines like the corpus generator's: prose, logs, CSV rows, with a planted identifier
/// every ~2000 lines.
func makeText(bytes: Int) -> [UInt8] {
    var generator = SyntheticIdentifiers(seed: 20_261_129)
    let phrases = ["お世話になっております。", "添付の資料をご覧ください。", "経理部より請求書を送付いたします。",
                   "The customer request was processed.", "status ok user report update"]
    var text: [UInt8] = []
    text.reserveCapacity(bytes + 256)
    var line = 0
    while text.count < bytes {
        line += 1
        let body: String
        switch line % 5 {
        case 0 where line % 2000 == 0: body = "個人番号：\(generator.myNumber())"
        case 0: body = "2024-01-\(line % 28 + 1)T10:00:00Z INFO id=\(generator.int(in: 0...999_999)) took \(line % 999)ms"
        case 1: body = "\(generator.int(in: 100_000...999_999)),ヤマダ,090-\(generator.int(in: 1000...9999))-\(generator.int(in: 1000...9999)),2023/4/1,12,300"
        case 2: body = "注文番号 \(generator.int(in: 1_000_000_000...9_999_999_999)) 金額 ¥12,000"
        default: body = generator.pick(phrases) + generator.pick(phrases)
        }
        text += Array((body + "\n").utf8)
    }
    return text
}
