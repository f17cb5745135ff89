import BangoCore
import Dispatch
import Testing

@testable import BangoScan

/// The pool's queue: which job comes next, and when `next()` stops waiting.
@Suite struct JobQueueTests {
    static func target(_ name: String) -> Job {
        .target(ScanTarget(origin: TargetOrigin(path: TargetPath(name)), content: .bytes([])))
    }
    static func directory(_ name: String) -> Job {
        .directory(DirectoryJob(path: TargetPath(name), ignores: IgnoreStack(), ancestors: []))
    }
    static func name(_ job: Job?) -> String? {
        switch job {
        case .target(let target): "target " + target.origin.path.description
        case .directory(let directory): "folder " + directory.path.description
        default: nil
        }
    }

    @Test func targetsLeaveInTheOrderTheyCame() {
        let queue = JobQueue(bound: 100)
        for name in ["a", "b", "c"] { queue.push(Self.target(name)) }
        #expect((0..<3).map { _ in Self.name(queue.tryNext()) } == ["target a", "target b", "target c"])
        #expect(queue.tryNext() == nil)
    }

    /// Folders are listed while few targets wait, so walking overlaps scanning; once more
    /// than `bound` wait, targets go first and the walk pauses.
    @Test func foldersWaitWhileTooManyTargetsDo() {
        let queue = JobQueue(bound: 2)
        queue.push(Self.directory("d"))
        queue.push(Self.target("t1"))
        #expect(Self.name(queue.tryNext()) == "folder d")
        for name in ["t2", "t3"] { queue.push(Self.target(name)) }
        queue.push(Self.directory("e"))
        #expect(queue.isFull)
        #expect(Self.name(queue.tryNext()) == "target t1")
        #expect(!queue.isFull)
        #expect(Self.name(queue.tryNext()) == "folder e")
    }

    /// In-memory targets (git blobs) fill the queue by their bytes as well as their
    /// count, so a history of large files is not held in memory all at once.
    @Test func inMemoryTargetsFillTheQueueByTheirBytes() {
        let queue = JobQueue(bound: 100, byteBound: 1000)
        let blob = { (name: String) in
            Job.target(
                ScanTarget(
                    origin: TargetOrigin(path: TargetPath(name)), content: .bytes(Array(repeating: 0x41, count: 600))))
        }
        queue.push(blob("b1"))
        #expect(!queue.isFull)
        queue.push(blob("b2"))
        #expect(queue.isFull)
        #expect(Self.name(queue.tryNext()) == "target b1")
        #expect(!queue.isFull)
        // A file target holds no bytes in the queue.
        queue.push(.target(.file(TargetPath("f"))))
        #expect(!queue.isFull)
    }

    @Test func nextReturnsNilOnceEveryJobIsFinished() {
        let queue = JobQueue(bound: 4)
        queue.push(Self.target("only"))
        let job = queue.next()
        #expect(Self.name(job) == "target only")
        queue.finished()
        #expect(queue.next() == nil)
    }

    /// A worker waiting in `next()` wakes for work pushed by another, and every worker
    /// returns once the last job is finished, with each job taken exactly once.
    @Test func workersShareTheJobsAndAllStop() {
        let queue = JobQueue(bound: 1000)
        let names = (0..<500).map { "t\($0)" }
        let taken = Locked<[String]>([])
        queue.push(Self.directory("root"))  // held open while the targets are pushed
        let group = DispatchGroup()
        for _ in 0..<4 {
            DispatchQueue.global().async(group: group) {
                while let job = queue.next() {
                    if case .directory = job {
                        for name in names { queue.push(Self.target(name)) }
                    } else if let name = Self.name(job) {
                        taken.withLock { $0.append(name) }
                    }
                    queue.finished()
                }
            }
        }
        #expect(group.wait(timeout: .now() + 30) == .success)
        #expect(taken.withLock { $0.sorted() } == names.map { "target " + $0 }.sorted())
    }
}
