import Foundation

/// A throwaway git repository driven by the real `git`, for end-to-end tests of the git
/// sources. Commits get fixed author dates, so that a test can assert on them.
final class GitFixture {
    let tree = TemporaryTree()
    var path: String { tree.path }
    private var commits = 0

    init() throws {
        try git("init", "-q", "-b", "main")
        try git("config", "user.email", "test@example.invalid")
        try git("config", "user.name", "bango test")
        try git("config", "commit.gpgsign", "false")
    }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String { tree.write(relative, text) }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) -> String { tree.write(relative, bytes: bytes) }

    /// Stages everything and commits; returns the new commit's id.
    @discardableResult
    func commitAll(_ message: String) throws -> String {
        try git("add", "-A")
        commits += 1
        let date = "2026-01-\(String(format: "%02d", commits))T10:00:00+09:00"
        try git(
            "commit", "-q", "--allow-empty", "-m", message,
            environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git in the repository and returns its standard output; throws when it fails.
    @discardableResult
    func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        try git(arguments, environment: environment)
    }

    @discardableResult
    func git(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: path)
        var environment = ProcessInfo.processInfo.environment
        // The user's own configuration must not change what the fixture builds.
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError.gitFailed(arguments) }
        return String(decoding: data, as: UTF8.self)
    }

    enum FixtureError: Error { case gitFailed([String]) }
}
