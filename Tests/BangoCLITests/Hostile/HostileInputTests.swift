import BangoTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every hostile input gets a clear error or a recorded skip, in bounded time and
/// memory, with the exit code the documented policy gives: never a crash, a hang or a
/// silent drop. With BANGO_RELIABILITY_OUT set, each case appends what it observed to
/// that file as a JSON line, for `scripts/reliability.py` to turn into
/// docs/RELIABILITY.md.
@Suite struct HostileInputTests {
    @Test(arguments: HostileCases.all)
    func hostileInputIsHandledByPolicy(_ hostile: HostileCase) throws {
        let tree = TemporaryTree()
        try hostile.make(tree)
        var arguments = hostile.arguments
        var environment = ["BANGO_FINGERPRINT_KEY": "hostile-test-key-0123456789abcdef", "PATH": "/usr/bin:/bin"]
        environment.merge(CLI.sanitizerOptions) { $1 }
        environment["XDG_CONFIG_HOME"] = tree.path + "/.config"
        var binaryPrefix: [String] = []
        if hostile.asNobody, getuid() == 0 {
            // As root every file is readable: the case runs as nobody, in a tree nobody may enter.
            chmod(tree.path, 0o755)
            binaryPrefix = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"]
        }
        let run: MeasuredRun
        if binaryPrefix.isEmpty {
            run = try MeasuredRun.run(
                arguments, directory: tree.path, environment: environment, limit: hostile.seconds)
        } else {
            arguments = binaryPrefix + [CLI.binary] + arguments
            run = try MeasuredRun.run(
                arguments, directory: tree.path, environment: environment, limit: hostile.seconds,
                program: "/usr/bin/setpriv")
        }
        let observed = run.timedOut ? "killed after \(hostile.seconds) s" : "exit \(run.status)"
        Self.record(hostile, run: run, observed: observed)
        #expect(!run.timedOut, "\(hostile.name): no answer within \(hostile.seconds) s")
        #expect(run.status == hostile.status, "\(hostile.name): \(observed), expected \(hostile.status): \(run.stderr)")
        #expect(run.status < 128, "\(hostile.name): killed by a signal")
        for words in hostile.says {
            #expect(run.stderr.contains(words), "\(hostile.name): stderr lacks \(words): \(run.stderr)")
        }
        // Sanitizers' shadow memory makes RSS meaningless: the bound holds for normal builds.
        if ProcessInfo.processInfo.environment["BANGO_SANITIZER"] == nil {
            #expect(run.peakRSSMiB < hostile.memoryMiB, "\(hostile.name): peak RSS \(run.peakRSSMiB) MiB")
        }
        #expect(
            RevealedValues.of([HostileCase.number], in: run.stderr + run.stdout).isEmpty, "\(hostile.name): a raw value"
        )
    }

    static func record(_ hostile: HostileCase, run: MeasuredRun, observed: String) {
        guard let path = ProcessInfo.processInfo.environment["BANGO_RELIABILITY_OUT"] else { return }
        let line = try? JSONSerialization.data(withJSONObject: [
            "index": HostileCases.all.firstIndex { $0.name == hostile.name } ?? 0, "case": hostile.name,
            "expected": hostile.expected, "status": Int(hostile.status), "observed": observed,
            "seconds": (run.seconds * 100).rounded() / 100, "rss_mib": (run.peakRSSMiB * 10).rounded() / 10,
            "summary": run.stderr.split(separator: "\n").last.map(String.init) ?? "",
        ])
        guard let line else { return }
        // One O_APPEND write per case: the cases run in parallel.
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = [UInt8](line) + [0x0A]
        _ = write(fd, bytes, bytes.count)
    }
}
