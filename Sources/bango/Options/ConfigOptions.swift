import ArgumentParser

/// Which `.bango.yaml` applies.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "Read options from this file instead of the .bango.yaml found from the scanned path up to the repository's top.",
            valueName: "file"))
    var path: String?

    @Flag(name: .customLong("no-config"), help: "Read no config file.")
    var disabled = false

    func validate() throws {
        if path != nil, disabled { throw ValidationError("--config and --no-config exclude each other") }
    }

    /// The config for a scan of `paths` (folders and files; the current folder for git
    /// scans and standard input), or nil.
    func load(for paths: [String]) throws(ConfigError) -> ConfigFile? {
        if disabled { return nil }
        if let path { return try ConfigFile(contentsOf: path) }
        return try ConfigDiscovery.find(for: paths).map { path throws(ConfigError) in try ConfigFile(contentsOf: path) }
    }
}
