import BangoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built binary and measures it: exit status, output, wall time and peak RSS,
/// killing it past a time limit so that a hang is a failed case, never a hung suite.
///
/// The peak RSS comes from GNU time (`/usr/bin/time -f %M`), a small process that forks
/// bango: the maximum RSS `wait4` reports for a child spawned straight from the test
/// process counts the test process's own pages, which exec inherits into the figure.
struct MeasuredRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
    var peakRSSMiB: Double
    var timedOut: Bool

    static func run(
        _ arguments: [String], directory: String, environment: [String: String], limit: Double,
        program: String = CLI.binary
    ) throws -> MeasuredRun {
        var output: [Int32] = [0, 0]
        var errors: [Int32] = [0, 0]
        guard pipe(&output) == 0, pipe(&errors) == 0 else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        for fd in output + errors { posix_spawn_file_actions_addclose(&actions, fd) }
        // env(1) changes folder for the child: glibc's posix_spawn has no chdir action here.
        let rssFile = NSTemporaryDirectory() + "bango-rss-" + UUID().uuidString
        defer { unlink(rssFile) }
        let timer = ["/usr/bin/time", "-f", "%M", "-o", rssFile]
        let hasTimer = FileManager.default.isExecutableFile(atPath: timer[0])
        let command = ["/usr/bin/env", "-C", directory] + (hasTimer ? timer : []) + [program] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp)
        close(output[1])
        close(errors[1])
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        let started = Date()
        let child = pid
        let out = Reader(fd: output[0])
        let err = Reader(fd: errors[0])
        // A watchdog: past the limit the child is killed and the case fails as a hang.
        let finished = DispatchSemaphore(value: 0)
        let killed = Killed()
        Thread.detachNewThread {
            if finished.wait(timeout: .now() + limit) == .timedOut {
                killed.value = true
                kill(child, SIGKILL)
            }
        }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        finished.signal()
        let seconds = Date().timeIntervalSince(started)
        var exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        var stderr = err.text()
        // GNU time reports a child killed by a signal in its own words, and exits 128+n.
        if hasTimer, let range = stderr.range(of: "Command terminated by signal ") {
            stderr.removeSubrange(range.lowerBound...)
        }
        let kilobytes = (try? String(contentsOfFile: rssFile, encoding: .utf8))?.split(separator: "\n").last
            .flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        if hasTimer, exitStatus == 0, kilobytes == nil { exitStatus = 128 }
        return MeasuredRun(
            status: exitStatus, stdout: out.text(), stderr: stderr, seconds: seconds,
            peakRSSMiB: kilobytes.map { $0 / 1024 } ?? Double(usage.ru_maxrss) / 1024, timedOut: killed.value)
    }

    /// Reads a pipe to its end on a thread of its own.
    final class Reader: @unchecked Sendable {
        // Written by the reading thread before `done` is signalled, read after.
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(fd: Int32) {
            Thread.detachNewThread { [self] in
                let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func text() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }

    final class Killed: Sendable {
        private let state = Locked(false)
        var value: Bool {
            get { state.withLock { $0 } }
            set { state.withLock { $0 = newValue } }
        }
    }
}
