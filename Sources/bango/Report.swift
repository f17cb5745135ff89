import ArgumentParser
import BangoAudit
import BangoReport

/// `bango report`: what an audit store says about a run, for a person, a spreadsheet,
/// a program or an auditor's browser.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report a run from an audit store: totals, top folders and owners, new/persisting/resolved, skips.")

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("run"), help: "The run to report (default: the newest complete run).")
    var runID: Int?

    @Option(
        name: .customLong("since"),
        help: "Compare with this earlier run (default: the run before it on the same roots).")
    var since: Int?

    @Option(help: "Report format: text, csv, json or html.")
    var format: StoreReportFormatArgument = .text

    @Option(
        name: [.customLong("output"), .customShort("o")],
        help: ArgumentHelp("Write the report to this file (mode 0600) instead of stdout.", valueName: "path"))
    var outputPath: String?

    @Flag(name: .customLong("bom"), help: "Start CSV with a UTF-8 byte order mark (for Excel).")
    var byteOrderMark = false

    func validate() throws {
        if byteOrderMark, format.format != .csv { throw ValidationError("--bom applies to --format csv only") }
    }

    func run() throws {
        let errors = BangoReport.OutputStream(fd: 2)
        let audit = try store.open()
        let text: String
        do {
            text = try audit.report(run: runID, since: since).rendered(as: format.format, byteOrderMark: byteOrderMark)
        } catch {
            errors.write("bango: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
        guard let outputPath else {
            let output = BangoReport.OutputStream(fd: 1)
            output.write(text)
            return
        }
        do { try PrivateFile.write(Array(text.utf8), to: outputPath) } catch {
            errors.write("bango: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
    }
}

/// `--format` of `bango report`.
enum StoreReportFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json, html

    var format: StoreReportFormat {
        switch self {
        case .text: .text
        case .csv: .csv
        case .json: .json
        case .html: .html
        }
    }
}
