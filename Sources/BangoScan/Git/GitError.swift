/// Why a git source could not be read. Messages name the repository or revision and
/// quote git's own first line of complaint, never file contents.
public enum GitError: Error, Sendable, Equatable, CustomStringConvertible {
    case gitNotFound
    case notARepository(path: String)
    case badRevision(String)
    case commandFailed(command: String, message: String)
    case malformedOutput(String)

    public var description: String {
        switch self {
        case .gitNotFound: "git not found on PATH: install git to scan staged changes, diffs or history"
        case .notARepository(let path): "not a git repository (or any parent up to the root): \(path)"
        case .badRevision(let revision): "unknown revision: \(revision) (not a commit in this repository)"
        case .commandFailed(let command, let message): "`git \(command)` failed: \(message)"
        case .malformedOutput(let what): "unexpected output from git: \(what)"
        }
    }
}
