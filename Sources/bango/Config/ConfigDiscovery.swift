import Foundation

/// Finds the `.bango.yaml` that governs a scan: the nearest one in the scanned folder
/// or a folder above it, up to the top of the repository it is in (the folder holding
/// `.git`), so that a project's file applies wherever in it bango is run and a file
/// outside the repository does not. Outside any repository the search goes on to `/`.
enum ConfigDiscovery {
    static let fileName = ".bango.yaml"

    /// The config file for a scan starting at `path`, a file or folder; nil when there
    /// is none.
    static func find(from path: String, fileManager: FileManager = .default) -> String? {
        var isFolder: ObjCBool = false
        let absolute = ConfigFile.absolute(path, in: fileManager.currentDirectoryPath)
        var folder = URL(fileURLWithPath: absolute)
        if !fileManager.fileExists(atPath: absolute, isDirectory: &isFolder) || !isFolder.boolValue {
            folder.deleteLastPathComponent()
        }
        while true {
            let candidate = folder.appendingPathComponent(fileName).path
            if fileManager.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue {
                return candidate
            }
            // `.git` is a folder in a clone and a file in a worktree or submodule.
            if fileManager.fileExists(atPath: folder.appendingPathComponent(".git").path) { return nil }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The one config file for scans of `paths`: they must agree, as one run has one set
    /// of options.
    static func find(for paths: [String]) throws(ConfigError) -> String? {
        var found: (path: String, config: String?)?
        for path in paths {
            let config = find(from: path)
            if let found, found.config != config {
                throw ConfigError(
                    path: config ?? found.config ?? "", line: nil,
                    message:
                        "`\(found.path)` and `\(path)` are governed by different config files "
                        + "(\(found.config ?? "none") and \(config ?? "none")); scan them apart or choose one with --config"
                )
            }
            found = (path, config)
        }
        return found?.config
    }
}
