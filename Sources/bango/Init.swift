import ArgumentParser
import BangoReport
import Foundation

/// `bango init`: a commented starter `.bango.yaml`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented starter .bango.yaml into a folder (default: the current one).")

    @Argument(help: "The folder to write .bango.yaml into.")
    var folder = "."

    @Flag(help: "Replace an existing .bango.yaml.")
    var force = false

    func run() throws {
        let path = URL(fileURLWithPath: folder).appendingPathComponent(ConfigDiscovery.fileName).path
        let errors = OutputStream(fd: 2)
        if !force, FileManager.default.fileExists(atPath: path) {
            errors.write("bango: \(path) exists; --force replaces it\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
        do {
            try Data(ConfigStarter.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            errors.write("bango: cannot write \(path): \(error.localizedDescription)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
        errors.write("bango: wrote \(path)\n")
    }
}
