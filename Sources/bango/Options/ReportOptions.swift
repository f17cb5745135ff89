import ArgumentParser
import BangoCore

/// What is reported and when the scan fails: shared by every command that scans.
struct ReportOptions: ParsableArguments {
    @Option(help: "Output format: text, jsonl, csv, sarif or junit.")
    var format: OutputFormatArgument = .text

    @Option(
        name: [.customLong("output"), .customShort("o")],
        help: ArgumentHelp(
            "Write the report to this file instead of stdout (mode 0600, replaced whole when the scan ends).",
            valueName: "path"))
    var outputPath: String?

    @Option(
        name: .customLong("min-confidence"),
        help: "Show findings at or above this level: low, medium, high (default: medium for text, low for the rest).")
    var minConfidence: ConfidenceArgument?

    @Option(
        name: .customLong("fail-on"),
        help: "Exit 1 when a finding reaches this level: low (default), medium, high or never.")
    var failOn: FailThreshold?

    @Flag(help: "Show raw values instead of masked ones. Reports then hold personal data.")
    var reveal = false

    @Option(
        name: .customLong("fingerprint-key-file"),
        help: ArgumentHelp(
            "File whose bytes are the HMAC key for fingerprints (else $BANGO_FINGERPRINT_KEY, else a key kept in ~/.config/bango).",
            valueName: "path"))
    var fingerprintKeyFile: String?

    @Option(name: .customLong("sort"), help: "Sort output: none (fastest) or path.")
    var sort: SortOrder = .none

    @Option(
        name: .customLong("manifest"),
        help: ArgumentHelp("Write a JSON account of every target to this file (mode 0600).", valueName: "path"))
    var manifestPath: String?

    @Flag(
        name: .customLong("tolerate-errors"),
        help: "Do not exit 2 because some targets could not be read; they are still reported.")
    var tolerateErrors = false

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Exit 2 when a target was skipped with content unscanned (an archive member past a limit, an encrypted one); on by default with --staged, --diff, --git-history and standard input."
        ))
    var failOnSkip: Bool?

    @Flag(name: [.customLong("quiet"), .customShort("q")], help: "No summary on stderr.")
    var quiet = false

    /// The lowest level shown, from the flag, else the config file, else medium for the
    /// text report a person reads and low for the machine formats, which carry each
    /// finding's confidence for the tool that reads them to filter on.
    var minimumShown: Confidence { minConfidence?.level ?? (format == .text ? .medium : .low) }
    /// The lowest level a written baseline accepts: what was asked for, else every level
    /// (a baseline that left out the hidden low findings would fail the next scan on them).
    var minimumRecorded: Confidence { minConfidence?.level ?? .low }
    /// The lowest level that fails the scan; nil for `never`.
    var failThreshold: Confidence? { failOn.map(\.level) ?? .low }

    /// Takes the config file's values where no flag was given.
    mutating func adopt(_ config: ConfigFile) {
        if minConfidence == nil, let level = config.minConfidence { minConfidence = ConfidenceArgument(level) }
        if failOn == nil, let level = config.failOn { failOn = FailThreshold(level) }
    }
}
