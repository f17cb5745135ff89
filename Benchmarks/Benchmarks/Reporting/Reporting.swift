import BangoCore
import BangoTestSupport
import BangoReport
import Benchmark

/// What a reported finding costs after the match: its fingerprint, and its line in the
/// output. A file with a phone number or a My Number on every row reports hundreds of
/// thousands of findings, so this is per-finding work, measured per 10,000 findings.
/// Values are synthetic (SyntheticIdentifiers, seeded).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(5), maxIterations: 200)

    var generator = SyntheticIdentifiers(seed: 3)
    let values = (0..<10_000).map { _ in Array(generator.myNumber().utf8) }
    let fingerprinter = try! Fingerprinter(keyBytes: Array("benchmark-key-0000000000".utf8))

    Benchmark("fingerprint 10k values (HMAC-SHA256 with a prepared key)") { benchmark in
        let key = Fingerprinter.Key(fingerprinter)
        for _ in benchmark.scaledIterations {
            var last = Fingerprint(bytes: .zero)
            for value in values {
                value.withUnsafeBufferPointer { last = fingerprinter.fingerprint(detector: "jp.my_number", normalizedValue: $0, key: key) }
            }
            blackHole(last)
        }
    }

    let findings = values.enumerated().map { index, value in
        Finding(
            path: "share/人事/社員名簿_2024.csv", line: index + 2, column: 28, detector: "jp.my_number",
            confidence: index % 3 == 0 ? .high : .low,
            masked: Masking.mask(String(decoding: value, as: UTF8.self)),
            fingerprint: value.withUnsafeBufferPointer { fingerprinter.fingerprint(detector: "jp.my_number", normalizedValue: $0) },
            encoding: "utf-8")
    }
    Benchmark("format 10k findings as JSON Lines") { benchmark in
        let formatter = JSONLinesFormatter()
        for _ in benchmark.scaledIterations { blackHole(formatter.format(findings).count) }
    }
    Benchmark("format 10k findings as text") { benchmark in
        let formatter = TextFormatter()
        for _ in benchmark.scaledIterations { blackHole(formatter.format(findings).count) }
    }
}
