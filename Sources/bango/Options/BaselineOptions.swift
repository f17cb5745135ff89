import ArgumentParser

/// Accepted findings: a baseline to compare against, and one to write.
struct BaselineOptions: ParsableArguments {
    @Option(
        name: .customLong("baseline"),
        help: ArgumentHelp("Report only findings not in this baseline file.", valueName: "file"))
    var baseline: String?

    @Option(
        name: .customLong("write-baseline"),
        help: ArgumentHelp(
            "Write every finding of this scan to a baseline file (mode 0600; masked values and fingerprints only) and exit 0 unless the scan failed.",
            valueName: "file"))
    var writeBaseline: String?

    /// The config file's baseline, unless the flag names one or a new one is being
    /// written (it records every finding anyway, and the file may not exist yet).
    mutating func adopt(_ config: ConfigFile) {
        if baseline == nil, writeBaseline == nil { baseline = config.baseline }
    }
}
