import ArgumentParser
import BangoReport

#if canImport(Glibc)
    import Glibc
#endif

/// The `bango` command. Parsing only: the work lives in BangoScan and BangoReport.
@main
struct Bango: ParsableCommand {
    /// Shown by `--version` and written into SARIF reports.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "bango",
        abstract: "Find My Numbers, corporate numbers and other personal data in files, fast and masked.",
        discussion: """
            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on; \
            2 an error (bad arguments or pattern pack, or targets that could not be read).
            """,
        version: version,
        subcommands: [Scan.self, Init.self, Patterns.self, Runs.self, Report.self, Merge.self],
        defaultSubcommand: Scan.self
    )

    /// ArgumentParser exits 64 on usage errors; bango's contract says 2 for every error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty {
                OutputStream(fd: 2).write("bango: " + message + "\n")
            }
            // The scan's own codes pass through; anything else (usage errors among
            // them) is 2.
            let passed = [ExitStatus.findings, .interrupted].first { code == ExitCode($0.rawValue) }
            Glibc.exit(passed?.rawValue ?? ExitStatus.error.rawValue)
        }
    }
}
