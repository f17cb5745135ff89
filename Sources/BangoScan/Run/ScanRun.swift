import BangoCore
import Foundation
import Synchronization

/// One scan: a pool of workers over a shared queue of folders, targets and pieces.
///
/// Compiled patterns are shared read-only; each worker owns a ``DetectionSession``
/// (PCRE2 match data and JIT stack) and a read buffer.
public final class ScanRun: Sendable {
    public let configuration: ScanConfiguration
    let engine: DetectionEngine
    let options: DetectionOptions
    public let manifest: Manifest
    let recorder: OutcomeRecorder
    let queue: JobQueue
    /// What an earlier run knew, for rescans that read only what changed.
    let prior: (any PriorScan)?
    private let output: OutputGate
    private let interruption = Atomic<Bool>(false)
    /// The folder a worker listed last, for the progress line.
    private let folder = Locked<String?>(nil)

    public init(
        configuration: ScanConfiguration, engine: DetectionEngine, options: DetectionOptions,
        sink: sending FindingSink, manifest: Manifest = Manifest(), prior: (any PriorScan)? = nil
    ) {
        self.prior = prior
        self.configuration = configuration
        self.engine = engine
        self.options = options
        output = OutputGate(sink: sink, sortByPath: configuration.sortByPath)
        self.manifest = manifest
        recorder = OutcomeRecorder(manifest: manifest)
        queue = JobQueue(bound: configuration.queueBound, byteBound: configuration.queueByteBound)
    }

    /// Scans `roots` (files or folders) and returns when every target is accounted for.
    public func run(roots: [TargetPath]) {
        run(sources: roots.map(ScanSource.path))
    }

    /// Scans every source and returns when every target is accounted for.
    public func run(sources: [ScanSource]) {
        let walker = FileSystemWalker(configuration: configuration, recorder: recorder)
        for source in sources {
            switch source {
            case .path(let path):
                if let job = walker.root(path) { queue.push(job) }
            case .standardInput(let name):
                queue.push(.target(ScanTarget(origin: TargetOrigin(path: name), content: .standardInput)))
            case .producer(let producer):
                queue.push(.produce(producer))
            }
        }
        let threads = max(1, configuration.threads)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let worker = ScanWorker(run: self)
            while let job = queue.next() {
                // Once interrupted, the queue is drained unprocessed: folders unlisted,
                // files unread, so the run ends within one job per worker.
                if !isInterrupted { worker.process(job) }
                queue.finished()
            }
            worker.replayCarried()
        }
        prior?.replayEntries { manifest.replay($0) }
        output.finish()
    }

    /// Stops the run as soon as each worker's current job is done (Ctrl-C, SIGTERM):
    /// what was found so far is written; the rest is not scanned.
    public func interrupt() { interruption.store(true, ordering: .relaxed) }

    /// Whether ``interrupt()`` was called: the run did not scan everything.
    public var isInterrupted: Bool { interruption.load(ordering: .relaxed) }

    func push(_ job: Job) { queue.push(job) }

    /// The folder being listed (the last one a worker started on), for a progress line.
    public var currentFolder: String? { folder.withLock { $0 } }

    func listing(_ path: TargetPath) {
        let text = path.description
        folder.withLock { $0 = text }
    }

    /// A whole target's findings, in position order.
    func emit(_ findings: [Finding]) {
        guard let path = findings.first?.path else { return }
        output.write(path: path, findings: PositionOrder.sorted(findings))
    }

    /// The next part of a text scanned in pieces, in position order.
    func emitPart(of text: OrderedResults, findings: [Finding], isLast: Bool) {
        output.writePart(of: text, findings: PositionOrder.sorted(findings), isLast: isLast)
    }
}
