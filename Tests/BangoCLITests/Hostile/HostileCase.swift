import BangoTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One hostile input: how to make it, how bango is run on it, and what the documented
/// policy says must come of it: an exit code, words the summary or error must say, and
/// bounds on time and memory. Made at test time; nothing hostile is committed.
struct HostileCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// What should happen, in words (for docs/RELIABILITY.md).
    let expected: String
    let arguments: [String]
    let status: Int32
    /// Words stderr must hold.
    let says: [String]
    var seconds: Double = 30
    var memoryMiB: Double = 120
    /// Run as `nobody` (through setpriv), for permission cases under a root CI.
    var asNobody = false
    let make: @Sendable (TemporaryTree) throws -> Void

    var testDescription: String { name }

    /// A synthetic My Number (11 digits from a fixed seed plus the mod-11 check digit).
    static let number: String = {
        var generator = SyntheticIdentifiers(seed: 1818)
        return generator.myNumber()
    }()
    static let labelled = "個人番号 \(number)\n"
}

extension TemporaryTree {
    /// A file of `count` bytes of `byte`, written in blocks (for big single lines).
    func writeRepeated(_ relative: String, byte: UInt8, count: Int, then tail: String) {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: full) else { return }
        let block = Data(repeating: byte, count: 1 << 20)
        var left = count
        while left > 0 {
            let size = min(left, block.count)
            handle.write(size == block.count ? block : block.prefix(size))
            left -= size
        }
        handle.write(Data(tail.utf8))
        try? handle.close()
    }
}
