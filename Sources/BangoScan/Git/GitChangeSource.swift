import BangoCore

/// The source of targets in a git repository: the files a change touched, each read
/// whole (from the index, a commit or the working tree) and reported only on the lines
/// the change added.
///
/// Scanning the whole file rather than the patch keeps what the pipeline needs around
/// an added line: keywords and column headers on unchanged lines, a workbook's other
/// parts, the encoding. A change git calls binary (an office document, an archive) is
/// new as a whole, so every finding in it is reported.
public struct GitChangeSource: TargetProducer {
    public let repository: GitRepository
    public let scope: GitScope
    /// Paths the scan is limited to (git pathspecs, relative to the folder bango runs in).
    public let pathspecs: [String]
    let filter: PathFilter
    /// Blobs are held in memory while they are scanned: larger ones are skipped as too
    /// large (`--max-filesize`, else the member limit).
    let blobLimit: Int

    public init(repository: GitRepository, scope: GitScope, pathspecs: [String], configuration: ScanConfiguration) {
        self.repository = repository
        self.scope = scope
        self.pathspecs = pathspecs
        filter = PathFilter(includes: configuration.includeGlobs, excludes: configuration.excludeGlobs)
        blobLimit = configuration.maxFileSize ?? configuration.containerLimits.maxMemberBytes
    }

    /// Options every diff and log command shares: raw entries and a patch with no
    /// context, NUL-separated, full blob ids, renames detected (a moved file adds
    /// nothing), and no driver that would turn the stored bytes into something else.
    static let diffOptions = [
        "--raw", "-p", "-z", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--no-abbrev",
        "--full-index", "--no-relative",
    ]

    public func produce(yield: (ScanTarget) -> Void, record: (TargetOutcome, TargetOrigin) -> Void) {
        do {
            let blobs = try GitBlobReader(repository: repository.directory)
            switch scope {
            case .staged:
                try emit(try diff(["--cached"]), commit: nil, blobs: blobs, yield: yield, record: record)
            case .diff(let revision):
                let changes = try diff(["--end-of-options", revision])
                try emit(changes, commit: nil, blobs: blobs, yield: yield, record: record)
            case .history(let range):
                try history(range ?? "HEAD") { commit throws(GitError) in
                    try emit(commit.changes, commit: commit.stamp, blobs: blobs, yield: yield, record: record)
                }
            }
            try blobs.close()
        } catch {
            record(
                .failed(kind: "git", reason: .readError, detail: error.description),
                TargetOrigin(path: TargetPath(repository.root)))
        }
    }

    private var pathspecArguments: [String] { ["--"] + pathspecs }

    private func diff(_ selection: [String]) throws(GitError) -> [GitChange] {
        let output = try GitProcess.output(
            ["diff"] + Self.diffOptions + selection + pathspecArguments, in: repository.directory)
        return try GitDiffParser.parse(output[...])
    }

    /// Runs `git log` over `range` and hands over one commit at a time as git prints them.
    private func history(_ range: String, _ body: (GitLogReader.Commit) throws(GitError) -> Void) throws(GitError) {
        let process = try GitProcess(
            ["log"] + Self.diffOptions + ["--format=%x01%H %aI", "--end-of-options", range] + pathspecArguments,
            in: repository.directory)
        var reader = GitLogReader()
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        while true {
            let count = try process.read(into: &buffer)
            if count == 0 { break }
            try reader.append(buffer[..<count], body)
        }
        try reader.finish(body)
        try process.finish()
    }
}
