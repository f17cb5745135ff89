/// The commented `.bango.yaml` that `bango init` writes. Its active lines restate the
/// defaults, so writing it changes nothing until it is edited; every commented example
/// is valid once its `# ` is taken away (a test does exactly that).
enum ConfigStarter {
    static let text = """
        # bango configuration (see "Configuration" in bango's README).
        #
        # bango reads the nearest .bango.yaml in the scanned folder or above it, up to the
        # top of the git repository. Flags on the command line win over single values here
        # and add to lists. Paths below are relative to this file's folder.

        # Findings below this level are counted but not shown: low, medium or high.
        min-confidence: low

        # The exit code is 1 when a finding reaches this level: low, medium, high or never.
        fail-on: low

        # Scan only files matching these globs (a glob without / matches the name at any
        # depth; ** crosses folders).
        # include: ["*.csv", "*.xlsx", "src/**"]

        # Skip files and folders matching these globs.
        # exclude: ["node_modules", "*.min.js"]

        # Run only these detectors or jurisdictions (`bango patterns list` shows them).
        # only: [jp, secret]

        # Do not run these detectors or jurisdictions.
        # skip: [email, jp.phone]

        # Pattern packs of your own: files, or folders of .yaml packs.
        # patterns: [bango-patterns/company.yaml]

        # Accepted findings, written by `bango scan --write-baseline .bango-baseline.json`.
        # baseline: .bango-baseline.json

        # Files whose findings are accepted, such as synthetic test fixtures: still
        # scanned, counted in the summary as allowed, not reported.
        # allow-paths: ["tests/fixtures/**"]

        # An audit store every sweep records its run into (SQLite; `bango report` reads it).
        # store: bango-audit.db

        """
}
