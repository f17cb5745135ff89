import BangoCore

/// One thread's share of a run: takes jobs from the queue and hands each to its stage.
/// It owns the stages' per-thread state (the detection session, the read buffer and
/// mapping slot, the transcoders).
final class ScanWorker {
    unowned let run: ScanRun
    private let walker: FileSystemWalker
    private let loader: TargetLoader
    private let classifier: ContentClassifier
    private let text: TextScanner
    private let containers: ContainerUnpacker
    private let stamper: FileStamper?
    /// Files found unchanged whose findings are still to be read back from the store.
    private var carried: [PriorFile] = []
    /// How many carried files are read back in one go.
    static let replayBatch = 256

    init(run: ScanRun) {
        self.run = run
        walker = FileSystemWalker(configuration: run.configuration, recorder: run.recorder)
        loader = TargetLoader(configuration: run.configuration)
        classifier = ContentClassifier(configuration: run.configuration)
        text = TextScanner(
            run: run, session: DetectionSession(engine: run.engine, options: run.options),
            transcoders: TranscoderCache())
        containers = ContainerUnpacker(run: run, loader: loader, classifier: classifier, text: text)
        stamper = run.configuration.stampsFiles ? FileStamper(hashesContent: run.configuration.hashesContent) : nil
    }

    func process(_ job: Job) {
        switch job {
        case .directory(let directory):
            run.listing(directory.path)
            walker.list(directory) { run.push($0) }
        case .target(let target): scan(target)
        case .chunk(let chunked, let index): text.scanChunk(chunked, index: index)
        case .block(let blocked, let block, let table): text.scanBlock(blocked, block, table: table)
        case .produce(let producer): produce(producer)
        }
    }

    /// Opens a target and sends it to the stage its first bytes call for.
    private func scan(_ target: ScanTarget) {
        var target = target
        if let stamper, case .file(let path) = target.content, target.origin.members.isEmpty {
            target.origin.stamp = stamper.stamp(path)
            // Escaped once: the lookup and the manifest name the file alike.
            let name = target.origin.displayPath
            if let stamp = target.origin.stamp, let unchanged = run.prior?.unchanged(name, stamp: stamp) {
                run.manifest.recordUnchanged(
                    path: name, findings: unchanged.findings, stamp: stamp, since: unchanged.run)
                if unchanged.findings > 0 {
                    carried.append(unchanged)
                    if carried.count >= Self.replayBatch { replayCarried() }
                }
                return
            }
        }
        switch loader.open(target) {
        case .outcome(let outcome):
            run.recorder.record(outcome, for: target.origin)
        case .loaded(let loaded):
            switch classifier.classify(head: loaded.head, name: loaded.name) {
            case .container(let kind):
                containers.scanTarget(loaded, kind: kind)
            case .binary:
                run.recorder.record(.skipped(kind: "file", reason: .binary, detail: nil), for: target.origin)
            case .text(let encoding, let bomLength):
                text.scanTarget(loaded, encoding: encoding, bomLength: bomLength)
            }
        }
    }

    /// Reads back the findings of the unchanged files met so far and reports them.
    func replayCarried() {
        guard let prior = run.prior, !carried.isEmpty else { return }
        prior.replay(carried) { run.emit($0) }
        carried.removeAll(keepingCapacity: true)
    }

    /// Runs a producer on this thread; while the queue is full, this worker scans
    /// queued work itself, so a producer never waits on a pool it is part of.
    private func produce(_ producer: any TargetProducer) {
        producer.produce(
            yield: { target in
                while run.queue.isFull, let job = run.queue.tryNext() {
                    process(job)
                    run.queue.finished()
                }
                run.push(.target(target))
            },
            record: { outcome, origin in run.recorder.record(outcome, for: origin) })
    }
}
