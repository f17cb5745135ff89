import BangoCore
import Foundation

/// Runs the built `bango` binary, as a user or a CI script would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var exitedNormally: Bool
        var combined: String { stdout + stderr }
    }

    /// The package's top folder (this file is in Tests/BangoCLITests).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The binary sits next to the test bundle in the build products folder.
    static let binary: String = {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // swift-testing may run from inside an .xctest bundle folder.
        while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("bango").path),
            folder.path != "/"
        {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("bango").path
    }()

    /// A private config home so the default fingerprint key never touches the real one.
    let configHome: String

    init() {
        configHome = NSTemporaryDirectory() + "bango-config-" + UUID().uuidString
    }

    func run(
        _ arguments: [String], environment extra: [String: String] = [:], prefix: [String] = [],
        binary: String = CLI.binary, timeout: TimeInterval = 120, standardInput: Data? = nil,
        directory: String? = nil
    ) throws -> Result {
        let process = Process()
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if prefix.isEmpty {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [binary] + arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = configHome
        environment.removeValue(forKey: "BANGO_FINGERPRINT_KEY")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let input = Pipe()
        process.standardInput = standardInput == nil ? FileHandle.nullDevice : input
        try process.run()
        if let standardInput {
            // Written from another thread so that a large input cannot deadlock against
            // the child filling its output pipe.
            Thread.detachNewThread {
                input.fileHandleForWriting.write(standardInput)
                try? input.fileHandleForWriting.close()
            }
        }
        // Threads, not Dispatch work items: the reads block until the child exits, and
        // Dispatch adds a thread beside blocked ones only after about a second.
        let deadline = DispatchTime.now() + timeout
        let group = DispatchGroup()
        let outBox = DataBox()
        let errBox = DataBox()
        group.enter()
        Thread.detachNewThread {
            outBox.data = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        Thread.detachNewThread {
            errBox.data = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if group.wait(timeout: deadline) == .timedOut {
            process.terminate()
            throw CLIError.timedOut(arguments)
        }
        process.waitUntilExit()
        let outData = outBox.data
        let errData = errBox.data
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), exitedNormally: process.terminationReason == .exit)
    }

    enum CLIError: Error { case timedOut([String]) }

    /// A sanitizer run's options (scripts/sanitizers.sh), for tests that give a child an
    /// environment of their own: without them LeakSanitizer's exit code replaces bango's.
    static var sanitizerOptions: [String: String] {
        ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }
    }

    /// Written by one reader thread, read after the group is waited for.
    final class DataBox: @unchecked Sendable { var data = Data() }
}

/// A temporary folder removed when the test ends.
final class TemporaryTree {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "bango-cli-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chmod(path, 0o755)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) -> String {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o755])
        FileManager.default.createFile(atPath: full, contents: Data(bytes), attributes: [.posixPermissions: 0o644])
        return full
    }

    func write(_ relative: String, _ text: String, mode: Int = 0o644) -> String {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o755])
        FileManager.default.createFile(atPath: full, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        return full
    }
}
