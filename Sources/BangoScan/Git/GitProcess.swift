import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One git child process: its standard output read as a stream, its standard error kept
/// for the error message, and optionally a pipe to its standard input.
///
/// Every command runs with options that make its output independent of the user's git
/// configuration: no colour, no external diff or textconv driver, no signatures in logs.
final class GitProcess {
    private let process = Process()
    private let errors = Pipe()
    private let output = Pipe()
    private let input: Pipe?
    private var drain: PipeDrain?
    let arguments: [String]
    /// Standard output, read front to back.
    let stdout: StreamReader

    /// Configuration that would change what the commands print, overridden per command.
    static let neutralConfiguration = [
        "-c", "core.quotePath=false", "-c", "log.showSignature=false", "-c", "diff.relative=false",
        "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false", "-c", "color.ui=never",
    ]

    init(_ arguments: [String], in directory: String, withInput: Bool = false) throws(GitError) {
        guard let git = ExecutableLookup.path(named: "git") else { throw .gitNotFound }
        self.arguments = arguments
        process.executableURL = URL(fileURLWithPath: git)
        process.arguments = Self.neutralConfiguration + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        // Messages in English, so that errors read the same everywhere; no pager, no
        // prompts, and no lock taken on the index by a read-only command.
        environment["LC_ALL"] = "C"
        environment["GIT_PAGER"] = "cat"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        process.environment = environment
        process.standardOutput = output
        process.standardError = errors
        input = withInput ? Pipe() : nil
        process.standardInput = input ?? FileHandle.nullDevice
        stdout = StreamReader(fd: output.fileHandleForReading.fileDescriptor)
        do { try process.run() } catch {
            throw .commandFailed(command: arguments.first ?? "", message: "could not start git (\(error))")
        }
        // Drain stderr on the side so that a chatty command cannot fill the pipe and
        // stall while stdout is read.
        drain = PipeDrain(errors.fileHandleForReading)
    }

    /// Writes `bytes` to the child's standard input.
    func write(_ bytes: [UInt8]) throws(GitError) {
        guard let input else { return }
        let fd = input.fileHandleForWriting.fileDescriptor
        var written = 0
        while written < bytes.count {
            // SAFETY: the pointer covers bytes[written...] and is used only inside the closure.
            let count = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.write(fd, base + written, raw.count - written)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw .commandFailed(command: arguments.first ?? "", message: "git stopped reading its input")
            }
            written += count
        }
    }

    /// Closes the child's standard input, so that it finishes.
    func closeInput() { try? input?.fileHandleForWriting.close() }

    /// Everything left on standard output.
    func readToEnd() throws(GitError) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try read(into: &buffer)
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[..<count])
        }
    }

    /// One read from standard output into `buffer`; 0 at the end.
    func read(into buffer: inout [UInt8]) throws(GitError) -> Int {
        do {
            // SAFETY: the buffer pointer does not outlive the closure; read writes at most its count.
            return try buffer.withUnsafeMutableBytes { raw in
                Result { () throws(ReadFailure) in try stdout.read(into: raw) }
            }.get()
        } catch {
            throw .commandFailed(command: arguments.first ?? "", message: errnoDescription(error.code))
        }
    }

    /// Waits for the child to exit and throws with its first line of stderr if it failed.
    func finish() throws(GitError) {
        closeInput()
        // Whatever was not read is drained, so a child blocked on a full pipe can exit.
        while (try? read(into: &discard)) ?? 0 > 0 {}
        process.waitUntilExit()
        _ = drain?.collect()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw .commandFailed(command: arguments.first ?? "", message: firstErrorLine)
        }
    }

    private var discard = [UInt8](repeating: 0, count: 1 << 16)

    /// git's first line of complaint (after waiting for it), or the exit status.
    var firstErrorLine: String {
        let text = String(decoding: drain?.collect() ?? Data(), as: UTF8.self)
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? "exit status \(process.terminationStatus)" : line
    }

    /// Runs a command to its end and returns its standard output.
    static func output(_ arguments: [String], in directory: String) throws(GitError) -> [UInt8] {
        let process = try GitProcess(arguments, in: directory)
        let bytes = try process.readToEnd()
        try process.finish()
        return bytes
    }
}
