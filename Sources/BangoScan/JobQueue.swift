import Foundation

/// Work for the pool: a directory to list, a file to scan, or one chunk of a large file.
enum Job {
    case directory(DirectoryJob)
    case file(FileJob)
    case chunk(LargeFile, index: Int)
    /// A decoded block of a file that is not UTF-8 (see ``DecodedFile``).
    case decodedBlock(DecodedFile, DecodedFile.Block)
}

struct DirectoryJob {
    let path: TargetPath
    let ignores: IgnoreStack
    /// (device, inode) of this directory and its ancestors, for loop detection.
    let ancestors: [DeviceInode]
}

struct FileJob {
    let path: TargetPath
}

struct DeviceInode: Hashable {
    let device: UInt64
    let inode: UInt64
}

/// The pool's shared queue. Chunks of files already open come first (they hold file
/// descriptors and memory), then files, and directories are listed only while fewer
/// than `bound` files wait, so walking overlaps scanning without racing ahead of it.
final class JobQueue: @unchecked Sendable {
    // SAFETY (concurrency): all state is guarded by `condition`'s lock.
    private let condition = NSCondition()
    private var chunks: [Job] = []
    private var files: [Job] = []
    private var fileHead = 0
    private var directories: [Job] = []
    /// Jobs queued or running; the pool is done when this reaches zero.
    private var outstanding = 0
    private let bound: Int

    init(bound: Int) { self.bound = max(1, bound) }

    func push(_ job: Job) {
        condition.lock()
        outstanding += 1
        switch job {
        case .chunk, .decodedBlock: chunks.append(job)
        case .file: files.append(job)
        case .directory: directories.append(job)
        }
        condition.signal()
        condition.unlock()
    }

    /// The next job, waiting while others may still produce work; nil when all is done.
    func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            let waitingFiles = files.count - fileHead
            if let chunk = chunks.popLast() { return chunk }
            if waitingFiles > bound || (waitingFiles > 0 && directories.isEmpty) { return popFile() }
            if let directory = directories.popLast() { return directory }
            if waitingFiles > 0 { return popFile() }
            if outstanding == 0 { return nil }
            condition.wait()
        }
    }

    /// Marks one job done.
    func finished() {
        condition.lock()
        outstanding -= 1
        if outstanding == 0 { condition.broadcast() }
        condition.unlock()
    }

    private func popFile() -> Job {
        let job = files[fileHead]
        fileHead += 1
        if fileHead > 1024 && fileHead * 2 > files.count {
            files.removeFirst(fileHead)
            fileHead = 0
        }
        return job
    }
}
