import BangoTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C during a sweep: the scan stops within moments, what it wrote is well-formed
/// (every JSON line parses, the manifest is JSON and says `interrupted`), and the exit
/// code is 130, never 0: an interrupted gate must not pass. Numbers are synthetic.
@Suite(.serialized) struct InterruptTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsTheScanWithWellFormedOutput(_ number: Int32) throws {
        let tree = TemporaryTree()
        var generator = SyntheticIdentifiers(seed: 5)
        let filler = String(repeating: "注文 2024-01-01 ¥1,200 担当 山田\n", count: 600)
        for index in 0..<3000 {
            tree.write("d\(index % 30)/f\(index).txt", "個人番号 \(generator.myNumber())\n" + filler)
        }
        let manifest = tree.path + "/manifest.json"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = [
            "scan", "--format", "jsonl", "-j", "1", "--manifest", manifest, tree.path + "/d0", tree.path,
        ]
        process.environment = ["BANGO_FINGERPRINT_KEY": "cli-test-key-0123456789abcdef", "PATH": "/usr/bin:/bin"]
            .merging(CLI.sanitizerOptions) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Interrupt once output has begun, well before 3,000 files are done.
        let firstBytes = output.fileHandleForReading.readData(ofLength: 256)
        #expect(!firstBytes.isEmpty)
        kill(process.processIdentifier, number)
        let started = Date()
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(process.terminationStatus == 130, "\(stderr.suffix(600))")
        #expect(stderr.contains("bango: interrupted"))
        let lines = String(decoding: firstBytes + rest, as: UTF8.self).split(separator: "\n")
        #expect(!lines.isEmpty && lines.count < 3000)
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any])
        }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest)))
        #expect((object as? [String: Any])?["interrupted"] as? Bool == true)
    }
}
