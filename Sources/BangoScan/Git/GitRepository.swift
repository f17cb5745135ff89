import Foundation

/// A git work tree bango reads changes from, found from a folder inside it.
public struct GitRepository: Sendable {
    /// The work tree's top folder, absolute: git prints changed paths relative to it.
    public let root: String
    /// The folder bango runs in: git commands run there, so that pathspecs given on the
    /// command line mean what they mean to git in that folder.
    public let directory: String

    /// The repository that contains `directory`, or `.notARepository`.
    public static func containing(_ directory: String) throws(GitError) -> GitRepository {
        let output: [UInt8]
        do {
            output = try GitProcess.output(["rev-parse", "--show-toplevel"], in: directory)
        } catch .gitNotFound {
            throw .gitNotFound
        } catch {
            throw .notARepository(path: directory)
        }
        let root = Self.firstLine(output)
        guard !root.isEmpty else { throw .notARepository(path: directory) }
        return GitRepository(root: root, directory: directory)
    }

    /// The commit `revision` names, as 40 (or 64) hex digits, or `.badRevision`.
    public func commit(_ revision: String) throws(GitError) -> String {
        // `--end-of-options` keeps a revision that starts with `-` from being read as an option.
        let arguments = ["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"]
        guard let output = try? GitProcess.output(arguments, in: root) else { throw .badRevision(revision) }
        let id = Self.firstLine(output)
        guard !id.isEmpty else { throw .badRevision(revision) }
        return id
    }

    /// Checks every revision in a range (`A`, `A..B`, `A...B`, `^A B`), so that a typo
    /// is an error before the scan starts rather than an empty result.
    public func verifyRange(_ range: String) throws(GitError) {
        for part in range.components(separatedBy: "...").flatMap({ $0.components(separatedBy: "..") }) {
            let revision = part.hasPrefix("^") ? String(part.dropFirst()) : part
            // `A..` and `..B` leave a side empty: git reads it as HEAD.
            if revision.isEmpty { continue }
            _ = try commit(revision)
        }
    }

    private static func firstLine(_ output: [UInt8]) -> String {
        String(decoding: output.prefix { $0 != 0x0A }, as: UTF8.self)
    }
}
