import ArgumentParser
import BangoScan

/// Which files are read, and how their bytes are taken.
struct WalkOptions: ParsableArguments {
    @Flag(name: .customLong("respect-gitignore"), help: "Skip what .gitignore files ignore (off: dumps hide there).")
    var respectGitignore = false

    @Option(
        name: .customLong("include"),
        help: ArgumentHelp("Scan only files matching this glob (repeatable).", valueName: "glob"))
    var includes: [String] = []

    @Option(
        name: .customLong("exclude"),
        help: ArgumentHelp("Skip files and folders matching this glob (repeatable).", valueName: "glob"))
    var excludes: [String] = []

    @Option(
        name: .customLong("max-filesize"),
        help: ArgumentHelp("Skip files larger than this (e.g. 50M, 2G).", valueName: "size"))
    var maxFileSize: ByteSize?

    @Flag(name: [.customLong("follow"), .customShort("L")], help: "Follow symbolic links (loops are detected).")
    var follow = false

    @Flag(name: .customLong("binary"), help: "Scan files with NUL bytes instead of skipping them.")
    var scanBinary = false

    @Option(
        name: .customLong("encoding"),
        help: ArgumentHelp(
            "Decode every file as this encoding instead of detecting it: auto, utf-8, utf-16le, utf-16be, shift_jis (cp932), euc-jp, iso-2022-jp.",
            valueName: "name"))
    var encoding: EncodingArgument = .auto

    /// Adds the config file's globs before the flags' (both apply).
    mutating func adopt(_ config: ConfigFile) {
        includes = config.includes + includes
        excludes = config.excludes + excludes
    }

    func apply(to configuration: inout ScanConfiguration) {
        configuration.respectGitignore = respectGitignore
        configuration.includeGlobs = includes.map(Glob.init)
        configuration.excludeGlobs = excludes.map(Glob.init)
        configuration.maxFileSize = maxFileSize?.bytes
        configuration.followSymlinks = follow
        configuration.skipBinary = !scanBinary
        configuration.forcedEncoding = encoding.forced
    }
}
