import ArgumentParser
import BangoScan
import Foundation

/// Which changes of the current git repository to scan, instead of walking folders.
struct GitOptions: ParsableArguments {
    @Flag(name: .customLong("staged"), help: "Scan what is staged (the index against HEAD): the lines it adds.")
    var staged = false

    @Option(
        name: .customLong("diff"),
        help: ArgumentHelp(
            "Scan the lines added since REV (working tree against REV), or between two (A..B, A...B).",
            valueName: "rev"))
    var diff: String?

    @Flag(
        name: .customLong("git-history"),
        help: "Scan every commit's added lines; the first path may be a range (main..HEAD), the rest limit the paths.")
    var history = false

    var isEnabled: Bool { staged || diff != nil || history }

    func validate() throws {
        if [staged, diff != nil, history].filter({ $0 }).count > 1 {
            throw ValidationError("--staged, --diff and --git-history are alternatives: give one")
        }
    }

    /// The git source for the repository around the current folder. The paths limit the
    /// scan (git pathspecs); with --git-history the first may instead name a range,
    /// decided as git does: a range that resolves and is not a file is a range.
    func source(paths: [String], configuration: ScanConfiguration) throws(GitError) -> GitChangeSource {
        let directory = FileManager.default.currentDirectoryPath
        let repository = try GitRepository.containing(directory)
        var pathspecs = paths
        let scope: GitScope
        if let diff {
            try repository.verifyRange(diff)
            scope = .diff(diff)
        } else if history {
            var range: String?
            if let first = paths.first, !FileManager.default.fileExists(atPath: first) {
                try repository.verifyRange(first)
                range = first
                pathspecs.removeFirst()
            }
            scope = .history(range)
        } else {
            scope = .staged
        }
        return GitChangeSource(
            repository: repository, scope: scope, pathspecs: pathspecs, configuration: configuration)
    }
}
