import Foundation
import Testing

/// The progress line: drawn on a terminal (through `script`, which gives the scan a
/// pseudo-terminal) when the report goes elsewhere, never into a pipe unless asked,
/// and erased before the summary.
@Suite struct ProgressTests {
    static let erase = "\r\u{1B}[K"

    /// Runs bango under `script`, so that its stdout and stderr are a terminal.
    func onTerminal(_ arguments: [String], tree: TemporaryTree) throws -> String {
        let command = ([CLI.binary] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let result = try CLI().run(
            ["-qfec", command, "/dev/null"], environment: ["BANGO_FINGERPRINT_KEY": "progress-test-key-0123456789"],
            binary: "/usr/bin/script", directory: tree.path)
        return result.stdout
    }

    static func tree() -> TemporaryTree {
        let tree = TemporaryTree()
        for index in 0..<50 { tree.write("share/d\(index % 5)/f\(index).txt", "注文 \(index)\n") }
        return tree
    }

    @Test func aTerminalSeesTheLineWhenTheReportGoesToAFile() throws {
        let tree = Self.tree()
        let screen = try onTerminal(["scan", "share", "-o", tree.path + "/report.txt"], tree: tree)
        #expect(screen.contains(Self.erase + "bango: scanning"), "\(screen.debugDescription)")
        // Erased, then the summary: the terminal is left with the summary alone.
        #expect(screen.contains(Self.erase + "bango: scanned 50 files"), "\(screen.debugDescription)")
    }

    @Test func theLineStaysOffWhereItWouldTearTheFindingsOrWasTurnedOff() throws {
        let tree = Self.tree()
        let sharedTerminal = try onTerminal(["scan", "share"], tree: tree)
        #expect(!sharedTerminal.contains("bango: scanning"), "findings and the line on one terminal")
        let turnedOff = try onTerminal(["scan", "--no-progress", "share", "-o", tree.path + "/r.txt"], tree: tree)
        #expect(!turnedOff.contains("bango: scanning"))
        let quiet = try onTerminal(["scan", "-q", "share", "-o", tree.path + "/r.txt"], tree: tree)
        #expect(!quiet.contains("bango: scanning"))
    }

    @Test func aPipeGetsTheLineOnlyWhenAsked() throws {
        let tree = Self.tree()
        let cli = CLI()
        let piped = try cli.run(["scan", "share"], directory: tree.path)
        #expect(!piped.stderr.contains("scanning"))
        let asked = try cli.run(["scan", "--progress", "share"], directory: tree.path)
        #expect(asked.stderr.hasPrefix(Self.erase + "bango: scanning"), "\(asked.stderr.debugDescription)")
        #expect(asked.stderr.contains(Self.erase + "bango: scanned 50 files"))
    }
}
