import BangoCore
import BangoTestSupport
import Foundation
import Synchronization
import Testing

@testable import BangoScan

#if canImport(Glibc)
    import Glibc
#endif

/// Files that change while they are scanned (a live log, a file replaced or deleted by
/// another program): bango scans what it opened, to its end, and says what it could not
/// see. Shrinking is in LoadPathTests. Both the mapped and the read path are exercised.
@Suite struct ChangingFileTests {
    /// A file of several chunks with a number on its first line and one on its last.
    static func victim(_ directory: TemporaryDirectory, _ generator: inout SyntheticIdentifiers) -> (
        path: String, numbers: [String]
    ) {
        let numbers = [generator.myNumber(), generator.myNumber()]
        let text =
            "個人番号 \(numbers[0])\n" + String(repeating: "padding padding padding\n", count: 20_000)
            + "個人番号 \(numbers[1])\n"
        return (directory.write("victim.txt", text), numbers)
    }

    /// Runs `change` once, after the first view of the scan is loaded.
    static func once(_ change: @escaping @Sendable () -> Void) -> @Sendable (Int32) -> Void {
        let done = Atomic<Bool>(false)
        return { _ in
            if !done.exchange(true, ordering: .relaxed) { change() }
        }
    }

    static func configure(mapped: Bool, hook: @escaping @Sendable (Int32) -> Void) -> (inout ScanConfiguration) -> Void
    {
        { configuration in
            configuration.loadPolicy = LoadPolicy(mmapThreshold: mapped ? 0 : .max, chunkSize: 64 << 10)
            configuration.loadPolicy.afterLoadHook = hook
            configuration.threads = 2
        }
    }

    @Test(arguments: [true, false]) func aFileDeletedWhileScannedIsReadToItsEnd(mapped: Bool) throws {
        let directory = TemporaryDirectory()
        var generator = SyntheticIdentifiers(seed: 61)
        let (path, numbers) = Self.victim(directory, &generator)
        let result = try scan([path], configure: Self.configure(mapped: mapped, hook: Self.once { unlink(path) }))
        #expect(!FileManager.default.fileExists(atPath: path))
        // The open descriptor keeps the content: everything in it is reported.
        #expect(result.findings.map(\.masked) == numbers.map(Masking.mask))
        #expect(result.manifest.summary.scannedFiles == 1)
        #expect(result.manifest.summary.failedCount == 0)
    }

    @Test(arguments: [true, false]) func aFileReplacedWhileScannedIsScannedAsOpened(mapped: Bool) throws {
        let directory = TemporaryDirectory()
        var generator = SyntheticIdentifiers(seed: 62)
        let (path, numbers) = Self.victim(directory, &generator)
        let replacement = directory.write("victim.new", "個人番号 \(generator.myNumber())\n")
        let result = try scan(
            [path], configure: Self.configure(mapped: mapped, hook: Self.once { rename(replacement, path) }))
        // The file renamed over it is another file: the next sweep reads it.
        #expect(result.findings.map(\.masked) == numbers.map(Masking.mask))
        #expect(result.manifest.summary.failedCount == 0)
    }

    @Test(arguments: [true, false]) func aFileThatGrowsWhileScannedSaysWhatWasNotRead(mapped: Bool) throws {
        let directory = TemporaryDirectory()
        var generator = SyntheticIdentifiers(seed: 63)
        let (path, numbers) = Self.victim(directory, &generator)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let added = "個人番号 \(generator.myNumber())\n"
        let grow = Self.once {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.seekToEndOfFile()
            handle.write(Data(added.utf8))
            handle.closeFile()
        }
        let result = try scan([path], configure: Self.configure(mapped: mapped, hook: grow))
        // What was there when the file was opened is scanned; what a writer added is not.
        #expect(result.findings.map(\.masked) == numbers.map(Masking.mask))
        let entry = try #require(result.manifest.sortedEntries.first { $0.path == path })
        #expect(entry.status == .scanned)
        #expect(entry.bytes == size)
        #expect(
            entry.detail
                == "grew to \(size + added.utf8.count) bytes while being scanned: the \(added.utf8.count) bytes added were not read"
        )
        #expect(result.manifest.summary.failedCount == 0)
    }
}
