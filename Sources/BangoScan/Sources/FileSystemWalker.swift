import BangoCore

#if canImport(Glibc)
    import Glibc
#endif

/// The source of targets on disk: resolves the paths named on the command line and
/// lists folders, applying ignore rules, globs, the symlink policy and loop detection.
/// Everything it passes over is recorded with the reason.
struct FileSystemWalker {
    let configuration: ScanConfiguration
    let filter: PathFilter
    private let recorder: OutcomeRecorder

    init(configuration: ScanConfiguration, recorder: OutcomeRecorder) {
        self.configuration = configuration
        filter = PathFilter(includes: configuration.includeGlobs, excludes: configuration.excludeGlobs)
        self.recorder = recorder
    }

    /// Records what became of `path`. Every shard walks the whole tree, so what the walk
    /// meets is written by the one shard that owns the path, and merged shards account
    /// for it once.
    private func note(_ outcome: TargetOutcome, _ path: TargetPath) {
        if let shard = configuration.shard, !shard.ownsEntry(path) { return }
        recorder.record(outcome, for: TargetOrigin(path: path))
    }

    /// The job for a path named on the command line. Such paths are taken as given: a
    /// symlink there is followed, and ignore rules and globs do not filter a file named
    /// explicitly (as in ripgrep). A FIFO named there is skipped, not opened: with no
    /// writer, opening it would block the scan forever (`-` reads standard input).
    func root(_ path: TargetPath) -> Job? {
        var info = stat()
        guard path.withCString({ stat($0, &info) }) == 0 else {
            note(.failure(kind: "path", errno: errno), path)
            return nil
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            var ignores = IgnoreStack()
            if configuration.respectGitignore, let file = IgnoreFile.read(in: path) { ignores = ignores.adding(file) }
            let identity = DeviceInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            return .directory(DirectoryJob(path: path, ignores: ignores, ancestors: [identity]))
        case S_IFREG:
            return .target(.file(path))
        default:
            note(.special(mode: info.st_mode), path)
            return nil
        }
    }

    /// Lists one folder, handing each entry worth scanning or listing to `push`.
    func list(_ job: DirectoryJob, push: (Job) -> Void) {
        guard let stream = job.path.withCString({ opendir($0) }) else {
            note(.failure(kind: "directory", errno: errno), job.path)
            return
        }
        defer { closedir(stream) }
        var ignores = job.ignores
        if configuration.respectGitignore, job.ancestors.count > 1, let file = IgnoreFile.read(in: job.path) {
            ignores = ignores.adding(file)
        }
        while let entry = readdir(stream) {
            // SAFETY: d_name is a fixed-size array inside the dirent that readdir returned, valid until the next
            // readdir; the name is copied out, up to its NUL, before that.
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let path = job.path.appending(name)
            if let next = classify(path, name: name, type: entry.pointee.d_type, parent: job, ignores: ignores) {
                push(next)
            }
        }
    }

    private func skip(_ path: TargetPath, kind: String, _ reason: TargetReason, detail: String? = nil) -> Job? {
        note(.skipped(kind: kind, reason: reason, detail: detail), path)
        return nil
    }

    private func classify(
        _ path: TargetPath, name: [UInt8], type: UInt8, parent: DirectoryJob, ignores: IgnoreStack
    ) -> Job? {
        var info = stat()
        var mode: mode_t
        if Int(type) == DT_UNKNOWN || Int(type) == DT_DIR || Int(type) == DT_LNK {
            // Folders need (device, inode) for loop detection; links and unknowns need
            // their real type.
            guard path.withCString({ lstat($0, &info) }) == 0 else {
                note(.failure(kind: "path", errno: errno), path)
                return nil
            }
            mode = info.st_mode & S_IFMT
        } else {
            mode = Self.mode(forDirentType: type)
        }
        var isDirectory = mode == S_IFDIR
        if let glob = filter.exclusion(of: path, name: name) {
            return skip(path, kind: isDirectory ? "directory" : "file", .excluded, detail: glob.pattern)
        }
        if configuration.respectGitignore, ignores.isIgnored(path, isDirectory: isDirectory) {
            return skip(path, kind: isDirectory ? "directory" : "file", .ignored)
        }
        if mode == S_IFLNK {
            guard configuration.followSymlinks else { return skip(path, kind: "symlink", .symlink) }
            guard path.withCString({ stat($0, &info) }) == 0 else {
                note(.failure(kind: "symlink", errno: errno), path)
                return nil
            }
            mode = info.st_mode & S_IFMT
            isDirectory = mode == S_IFDIR
        }
        switch mode {
        case S_IFDIR:
            if ScanConfiguration.vcsDirectoryNames.contains(name) {
                return skip(path, kind: "directory", .vcsDirectory)
            }
            let identity = DeviceInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            if parent.ancestors.contains(identity) { return skip(path, kind: "directory", .symlinkLoop) }
            return .directory(DirectoryJob(path: path, ignores: ignores, ancestors: parent.ancestors + [identity]))
        case S_IFREG:
            guard filter.includes(path, name: name) else { return skip(path, kind: "file", .notIncluded) }
            return .target(.file(path))
        default:
            note(.special(mode: mode), path)
            return nil
        }
    }

    static func mode(forDirentType type: UInt8) -> mode_t {
        switch Int(type) {
        case DT_REG: S_IFREG
        case DT_DIR: S_IFDIR
        case DT_LNK: S_IFLNK
        case DT_FIFO: S_IFIFO
        case DT_CHR: S_IFCHR
        case DT_BLK: S_IFBLK
        case DT_SOCK: S_IFSOCK
        default: 0
        }
    }
}
