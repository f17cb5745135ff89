import ArgumentParser
import BangoAudit
import BangoReport
import Foundation

/// The store `runs` and `report` read: it must exist already.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: ArgumentHelp("The audit store to read.", valueName: "file"))
    var store: String

    /// Opens the store; exit 2 with the reason when it is missing or not a store.
    func open() throws -> AuditStore {
        let errors = BangoReport.OutputStream(fd: 2)
        guard FileManager.default.fileExists(atPath: store) else {
            errors.write("bango: no audit store at \(store) (`bango scan --store \(store) PATH` makes one)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
        do { return try AuditStore(path: store) } catch {
            errors.write("bango: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
    }
}
