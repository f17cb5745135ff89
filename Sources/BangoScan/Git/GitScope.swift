/// Which changes of a repository a scan reads.
public enum GitScope: Sendable, Equatable {
    /// What is staged: the index against HEAD (`--staged`).
    case staged
    /// The lines added since a revision (`--diff REV`: the working tree against REV) or
    /// between two (`--diff A..B`, `--diff A...B`).
    case diff(String)
    /// Every commit's added lines in a range (`--git-history [RANGE]`, HEAD by default).
    case history(String?)
}
