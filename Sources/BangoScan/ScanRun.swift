#if canImport(Glibc)
import Glibc
#endif
import BangoCore
import Foundation

/// One scan: a pool of workers over a shared queue of directories, files and chunks.
///
/// Compiled patterns are shared read-only; each worker owns an ``EngineWorker`` (PCRE2
/// match data and JIT stack) and a ``ChunkLoader`` (read buffer, SIGBUS slot).
public final class ScanRun: @unchecked Sendable {
    // SAFETY (concurrency): configuration, engine and options are immutable; the queue
    // and manifest synchronise themselves; the sink is only called under `outputLock`.
    public let configuration: ScanConfiguration
    let engine: DetectionEngine
    let options: DetectionOptions
    public let manifest: Manifest
    private let output: OutputGate
    private let queue: JobQueue

    public init(
        configuration: ScanConfiguration, engine: DetectionEngine, options: DetectionOptions,
        sink: FindingSink, manifest: Manifest = Manifest()
    ) {
        self.configuration = configuration
        self.engine = engine
        self.options = options
        output = OutputGate(sink: sink, sortByPath: configuration.sortByPath)
        self.manifest = manifest
        queue = JobQueue(bound: configuration.queueBound)
    }

    /// Scans `roots` (files or directories) and returns when every target is accounted for.
    public func run(roots: [TargetPath]) {
        for root in roots { enqueueRoot(root) }
        let threads = max(1, configuration.threads)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let worker = Worker(run: self)
            while let job = queue.next() {
                worker.process(job)
                queue.finished()
            }
        }
        output.finish()
    }

    /// Command-line arguments are taken as given: a symlink named there is followed, and
    /// ignore rules and globs do not filter a file named explicitly (as in ripgrep).
    private func enqueueRoot(_ root: TargetPath) {
        var info = stat()
        guard root.withCString({ stat($0, &info) }) == 0 else {
            manifest.recordFailure(root, kind: "path", errno: errno)
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            var ignores = IgnoreStack()
            if configuration.respectGitignore, let file = Self.readIgnoreFile(in: root) { ignores = ignores.adding(file) }
            queue.push(.directory(DirectoryJob(
                path: root, ignores: ignores,
                ancestors: [DeviceInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))])))
        case S_IFREG:
            queue.push(.file(FileJob(path: root)))
        default:
            let (kind, reason) = Self.classifySpecial(info.st_mode)
            manifest.record(root, kind: kind, status: .skipped, reason: reason)
        }
    }

    /// A whole file's findings, in position order.
    func emit(path: String, findings: [Finding]) {
        output.write(path: path, findings: Self.inPositionOrder(findings))
    }

    /// The next part of a large file's findings, in position order.
    func emitPart(of file: AnyObject, path: TargetPath, findings: [Finding], isLast: Bool) {
        output.writePart(
            of: ObjectIdentifier(file), path: path.description, findings: Self.inPositionOrder(findings), isLast: isLast)
    }

    /// `findings` sorted by line and column (stably). The engine reports a buffer's
    /// findings in order already, so usually this only checks, and copies nothing.
    static func inPositionOrder(_ findings: [Finding]) -> [Finding] {
        // Fields read by index, so the check copies (and retains) no finding.
        let ordered = findings.indices.dropFirst().allSatisfy { index in
            (findings[index - 1].line, findings[index - 1].column) <= (findings[index].line, findings[index].column)
        }
        if ordered { return findings }
        func before(_ a: Finding, _ b: Finding) -> Bool { (a.line, a.column) < (b.line, b.column) }
        return findings.enumerated().sorted { before($0.element, $1.element) || !before($1.element, $0.element) && $0.offset < $1.offset }
            .map(\.element)
    }

    func push(_ job: Job) { queue.push(job) }

    static func classifySpecial(_ mode: mode_t) -> (kind: String, reason: TargetReason) {
        switch mode & S_IFMT {
        case S_IFIFO: ("fifo", .fifo)
        case S_IFCHR, S_IFBLK: ("device", .device)
        case S_IFSOCK: ("socket", .socket)
        case S_IFLNK: ("symlink", .symlink)
        default: ("other", .otherType)
        }
    }

    static func readIgnoreFile(in directory: TargetPath) -> IgnoreFile? {
        let path = directory.appending(Array(".gitignore".utf8))
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while contents.count < 1 << 20 {
            let count = read(fd, &chunk, chunk.count)
            if count <= 0 { break }
            contents += chunk[0..<count]
        }
        return IgnoreFile(base: directory.bytes, contents: contents)
    }
}
