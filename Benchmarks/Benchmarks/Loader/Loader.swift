import BangoCore
import BangoScan
import Benchmark
import Foundation

/// Chooses `LoadPolicy.mmapThreshold`: scans the same files through the read path and
/// the mmap path, for several file sizes. Where mapping starts to win is the threshold.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(3), maxIterations: 30)

    let folder = NSTemporaryDirectory() + "bango-loader-benchmark"
    let sizes = [16 << 10, 256 << 10, 1 << 20, 4 << 20, 16 << 20]
    let totalBytes = 64 << 20
    for size in sizes {
        let directory = folder + "/\(size)"
        if !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var bytes = [UInt8](repeating: 0x61, count: size)
            for index in stride(from: 63, to: size, by: 64) { bytes[index] = 0x0A }
            let content = Data(bytes)
            for index in 0..<max(1, totalBytes / size) {
                FileManager.default.createFile(atPath: directory + "/f\(index).txt", contents: content)
            }
        }
        for (name, threshold) in [("read", Int.max), ("mmap", 0)] {
            Benchmark("\(name), files of \(size >> 10) KiB, 64 MiB in all") { benchmark in
                var configuration = ScanConfiguration()
                configuration.loadPolicy = LoadPolicy(mmapThreshold: threshold, chunkSize: 8 << 20)
                let engine = try! DetectionEngine.builtin()
                let options = DetectionOptions(reveal: false, fingerprinter: try! Fingerprinter(keyBytes: Array("benchmark-key-0000000000".utf8)))
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    let sink = NullSink()
                    ScanRun(configuration: configuration, engine: engine, options: options, sink: sink)
                        .run(roots: [TargetPath(directory)])
                    blackHole(sink)
                }
            }
        }
    }
}

final class NullSink: FindingSink {
    func write(_ findings: [Finding]) { blackHole(findings.count) }
}
