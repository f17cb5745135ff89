import ArgumentParser
import BangoCore
import BangoReport
import BangoScan
import Foundation

/// Options that choose detectors, shared by `scan` and `patterns`.
struct PackOptions: ParsableArguments {
    @Option(
        name: .customLong("patterns"),
        help: ArgumentHelp(
            "Add a pattern pack file, or every .yaml pack in a folder (repeatable).", valueName: "file|dir"))
    var patternPaths: [String] = []

    @Option(
        name: .customLong("only"),
        help: ArgumentHelp("Run only these detectors or jurisdictions (comma-separated).", valueName: "ids"))
    var only: String?

    @Option(
        name: .customLong("skip"),
        help: ArgumentHelp("Do not run these detectors or jurisdictions (comma-separated).", valueName: "ids"))
    var skip: String?

    /// The config file's packs come first; its `only` holds unless the flag is given;
    /// its `skip` and the flag's both apply.
    mutating func adopt(_ config: ConfigFile) {
        patternPaths = config.patterns + patternPaths
        if only == nil, !config.only.isEmpty { only = config.only.joined(separator: ",") }
        if !config.skip.isEmpty { skip = (config.skip + Self.list(skip)).joined(separator: ",") }
    }

    var selection: DetectorSelection { DetectorSelection(only: Self.list(only), skip: Self.list(skip)) }

    /// The user's packs; a broken one ends the run with exit code 2 and its location.
    func userPacks(errors: BangoReport.OutputStream) throws -> [PatternPack] {
        do {
            return try PackLoader.load(patternPaths)
        } catch {
            errors.write("bango: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
    }

    /// Built-in plus user packs (`user`, else loaded here), compiled, filtered by
    /// --only/--skip. A name in the config file's `only` or `skip` that no pack defines is
    /// reported at its line there.
    func engine(
        errors: BangoReport.OutputStream, config: ConfigFile? = nil, user: [PatternPack]? = nil
    ) throws -> DetectionEngine {
        let user = try user ?? userPacks(errors: errors)
        let engine: DetectionEngine
        do {
            let packs = try PatternPack.builtin() + user
            // The config's names first, at their line; once they pass, any unknown name
            // left came from a flag.
            for (key, names) in [("only", config?.only ?? []), ("skip", config?.skip ?? [])] {
                let wrong = DetectorSelection(only: names, skip: []).unknownNames(in: packs)
                if let config, !wrong.isEmpty {
                    throw ConfigError(
                        path: config.path, line: config.lines[key],
                        message: "`\(key)`: no detector or jurisdiction named "
                            + wrong.map { "`\($0)`" }.joined(separator: ", ") + " (`bango patterns list` shows the ids)"
                    )
                }
            }
            let unknown = selection.unknownNames(in: packs)
            if !unknown.isEmpty {
                let jurisdictions = Set(packs.flatMap(\.detectors).map(\.jurisdiction)).union(
                    DetectorSelection.groups.keys)
                throw ValidationError(
                    "--only/--skip: no detector or jurisdiction named "
                        + unknown.map { "`\($0)`" }.joined(separator: ", ")
                        + " (jurisdictions: \(jurisdictions.sorted().joined(separator: ", ")); `bango patterns list` shows the ids)"
                )
            }
            engine = try DetectionEngine(packs: packs, selection: selection)
        } catch let error as ValidationError {
            throw error
        } catch {
            errors.write("bango: \(error)\n")
            throw ExitCode(ExitStatus.error.rawValue)
        }
        if engine.detectors.isEmpty { throw ValidationError("--only/--skip leave no detector to run") }
        return engine
    }

    static func list(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
