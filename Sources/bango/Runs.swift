import ArgumentParser
import BangoAudit
import BangoReport

/// `bango runs`: the runs an audit store holds, and pruning old ones.
struct Runs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the runs an audit store holds, or prune old ones.",
        subcommands: [List.self, Prune.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the runs, oldest first.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let audit = try store.open()
            let runs: [RunRecord]
            do { runs = try audit.runs() } catch {
                BangoReport.OutputStream(fd: 2).write("bango: \(error)\n")
                throw ExitCode(ExitStatus.error.rawValue)
            }
            var lines = ["run\tstatus\tstarted\tfiles\tunchanged\tfindings\tnew\tresolved\troots"]
            for run in runs {
                let cells = [
                    String(run.id), run.status.rawValue, run.started, String(run.scannedFiles),
                    String(run.unchangedFiles), String(run.findings), run.newFindings.map(String.init) ?? "-",
                    run.resolvedFindings.map(String.init) ?? "-", run.roots.joined(separator: " "),
                ]
                lines.append(cells.joined(separator: "\t"))
            }
            BangoReport.OutputStream(fd: 1).write(lines.joined(separator: "\n") + "\n")
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete all but the newest runs, with their targets and findings.")

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("keep"), help: "How many of the newest runs to keep.")
        var keep: Int

        func validate() throws {
            if keep < 1 { throw ValidationError("--keep must be at least 1") }
        }

        func run() throws {
            let audit = try store.open()
            do {
                let removed = try audit.prune(keep: keep)
                BangoReport.OutputStream(fd: 2).write(
                    "bango: pruned \(removed) run\(removed == 1 ? "" : "s") from \(store.store); kept the newest \(keep)\n"
                )
            } catch {
                BangoReport.OutputStream(fd: 2).write("bango: \(error)\n")
                throw ExitCode(ExitStatus.error.rawValue)
            }
        }
    }
}
