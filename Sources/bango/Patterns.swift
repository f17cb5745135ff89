import ArgumentParser
import BangoCore
import BangoReport
import BangoScan
import Foundation

struct Patterns: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List detectors, or test pattern packs against their own examples.",
        subcommands: [List.self, Test.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the detectors a scan would run.")

        @OptionGroup var packs: PackOptions

        func run() throws {
            let engine = try packs.engine(errors: OutputStream(fd: 2))
            var rows: [[String]] = [["ID", "NAME", "JURISDICTION", "VALIDATOR", "TRIGGER", "WITH KEYWORD", "WITHOUT"]]
            for detector in engine.detectors {
                let definition = detector.definition
                let trigger: String
                switch definition.trigger {
                case .digits(let minimum, _, _, _): trigger = "\(minimum)+ digits"
                case .literals(let words, _, _, _): trigger = words.prefix(3).joined(separator: " ") + (words.count > 3 ? " …" : "")
                }
                rows.append([
                    definition.id, definition.name, definition.jurisdiction, definition.validator?.rawValue ?? "-",
                    trigger, definition.confidenceWithKeyword?.name ?? "none", definition.confidenceWithoutKeyword?.name ?? "none",
                ])
            }
            let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
            var text = ""
            for row in rows {
                text += zip(row, widths).map { cell, width in cell.padding(toLength: width, withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            }
            OutputStream(fd: 1).write(text)
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run each detector's own examples; exit 1 if any does not behave as written.")

        @Argument(help: "Pack files or folders to test (default: the built-in packs).")
        var files: [String] = []

        func run() throws {
            let errors = OutputStream(fd: 2)
            var options = try PackOptions.parse([])
            options.patternPaths = files
            let engine: DetectionEngine
            if files.isEmpty {
                engine = try options.engine(errors: errors)
            } else {
                let user = try options.userPacks(errors: errors)
                do {
                    // The user's packs alone, but their ids must not clash with built-ins.
                    _ = try DetectionEngine.builtin(adding: user)
                    engine = try DetectionEngine(packs: user)
                } catch {
                    errors.write("bango: \(error)\n")
                    throw ExitCode(ExitStatus.error.rawValue)
                }
            }
            let fingerprinter = try Fingerprinter(keyBytes: Array("bango-patterns-test-key".utf8))
            let worker = EngineWorker(engine: engine, options: DetectionOptions(reveal: false, fingerprinter: fingerprinter))
            let (failures, count) = ExampleRunner(worker: worker).run()
            var text = ""
            for failure in failures { text += "FAIL \(failure)\n" }
            text += "\(count - failures.count) passed, \(failures.count) failed (\(engine.detectors.count) detectors)\n"
            OutputStream(fd: 1).write(text)
            if !failures.isEmpty { throw ExitCode(ExitStatus.findings.rawValue) }
        }
    }
}
