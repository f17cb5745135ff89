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
                case .digits(let minimum, _, _, _, let afterLetter):
                    trigger = "\(minimum)+ digits" + (afterLetter ? " after a letter" : "")
                case .literals(let words, _, _, _):
                    trigger = words.prefix(3).joined(separator: " ") + (words.count > 3 ? " …" : "")
                }
                // Evidence validators raise the level when they pass: shown as `+name`.
                let checks = [definition.validator?.rawValue, definition.evidence.map { "+" + $0.validator.rawValue }]
                    .compactMap { $0 }
                rows.append([
                    definition.id, definition.name, definition.jurisdiction,
                    checks.isEmpty ? "-" : checks.joined(separator: " "),
                    trigger, definition.confidenceWithKeyword?.name ?? "none",
                    definition.confidenceWithoutKeyword?.name ?? "none",
                ])
            }
            let widths = (0..<rows[0].count).map { column in rows.map { Self.displayWidth($0[column]) }.max() ?? 0 }
            var text = ""
            for row in rows {
                text +=
                    zip(row, widths).map { cell, width in
                        cell + String(repeating: " ", count: width - Self.displayWidth(cell))
                    }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            }
            OutputStream(fd: 1).write(text)
        }

        /// Terminal columns `text` takes: East Asian wide characters (kanji, kana,
        /// full-width forms) take two, so the table's columns line up in a terminal.
        static func displayWidth(_ text: String) -> Int {
            text.unicodeScalars.reduce(0) { width, scalar in
                switch scalar.value {
                case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
                    0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
                    width + 2
                default: width + 1
                }
            }
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
            let worker = DetectionSession(
                engine: engine, options: DetectionOptions(reveal: false, fingerprinter: fingerprinter))
            let (failures, count) = ExampleRunner(worker: worker).run()
            var text = ""
            for failure in failures { text += "FAIL \(failure)\n" }
            text += "\(count - failures.count) passed, \(failures.count) failed (\(engine.detectors.count) detectors)\n"
            OutputStream(fd: 1).write(text)
            if !failures.isEmpty { throw ExitCode(ExitStatus.findings.rawValue) }
        }
    }
}
