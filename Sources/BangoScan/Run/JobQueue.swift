import BangoCore
import Foundation

/// The pool's shared queue. Pieces of texts already open come first (they hold file
/// descriptors and memory), then targets, and folders are listed (and producers asked
/// for more) only while fewer than `bound` targets wait, so walking overlaps scanning
/// without racing ahead of it. Producers that hold their targets' bytes in memory also
/// wait while those bytes pass `byteBound`.
final class JobQueue: Sendable {
    private struct State {
        var pieces: [Job] = []
        var targets: [Job] = []
        var targetHead = 0
        var directories: [Job] = []
        /// Jobs queued or running; the pool is done when this reaches zero.
        var outstanding = 0
        /// Bytes held by waiting in-memory targets.
        var waitingBytes = 0
        var waitingTargets: Int { targets.count - targetHead }
        var isFull: Bool { waitingTargets > bound || waitingBytes > byteBound }

        mutating func popTarget() -> Job {
            let job = targets[targetHead]
            waitingBytes -= Self.heldBytes(job)
            targetHead += 1
            if targetHead > 1024 && targetHead * 2 > targets.count {
                targets.removeFirst(targetHead)
                targetHead = 0
            }
            return job
        }

        mutating func take() -> Job? {
            if let piece = pieces.popLast() { return piece }
            let waiting = waitingTargets
            if waiting > 0, waiting > bound || directories.isEmpty { return popTarget() }
            if let directory = directories.popLast() { return directory }
            if waiting > 0 { return popTarget() }
            return nil
        }

        let bound: Int
        let byteBound: Int

        static func heldBytes(_ job: Job) -> Int {
            if case .target(let target) = job, case .bytes(let bytes) = target.content { return bytes.count }
            return 0
        }
    }

    private let state: Locked<State>
    // Waiting needs a condition variable, which Mutex lacks: NSCondition guards only the
    // sleep, the state itself stays under the mutex.
    private let wakeUp = NSCondition()

    init(bound: Int, byteBound: Int = .max) {
        state = Locked(State(bound: max(1, bound), byteBound: max(1, byteBound)))
    }

    func push(_ job: Job) {
        state.withLock { state in
            state.outstanding += 1
            switch job {
            case .chunk, .block: state.pieces.append(job)
            case .target:
                state.targets.append(job)
                state.waitingBytes += State.heldBytes(job)
            case .directory, .produce: state.directories.append(job)
            }
        }
        wakeUp.lock()
        wakeUp.signal()
        wakeUp.unlock()
    }

    /// Whether a producer should hand over work before queueing more targets.
    var isFull: Bool { state.withLock { $0.isFull } }

    /// The next job without waiting, if there is one.
    func tryNext() -> Job? { state.withLock { $0.take() } }

    /// The next job, waiting while others may still produce work; nil when all is done.
    func next() -> Job? {
        wakeUp.lock()
        defer { wakeUp.unlock() }
        while true {
            let (job, done) = state.withLock { state in (state.take(), state.outstanding == 0) }
            if let job { return job }
            if done { return nil }
            wakeUp.wait()
        }
    }

    /// Marks one job done.
    func finished() {
        let done = state.withLock { state in
            state.outstanding -= 1
            return state.outstanding == 0
        }
        if done {
            wakeUp.lock()
            wakeUp.broadcast()
            wakeUp.unlock()
        }
    }
}
