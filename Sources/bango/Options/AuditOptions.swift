import ArgumentParser

/// The audit store a scan records into, and how a long sweep shows it is alive.
struct AuditOptions: ParsableArguments {
    @Option(
        name: .customLong("store"),
        help: ArgumentHelp(
            "Record the run in this audit store (SQLite, mode 0600); unchanged files are not read again.",
            valueName: "file"))
    var store: String?

    @Flag(
        name: .customLong("verify"),
        help: "With --store: carry a file over only when its content hash is unchanged too (reads every file).")
    var verify = false

    @Flag(
        inversion: .prefixedNo,
        help: "A progress line on stderr (default: on when stderr is a terminal and the report goes elsewhere).")
    var progress: Bool?

    mutating func adopt(_ config: ConfigFile) {
        if store == nil { store = config.store }
    }

    func validate() throws {
        if verify, store == nil {
            throw ValidationError("--verify needs --store (it checks files against the last run)")
        }
    }
}
