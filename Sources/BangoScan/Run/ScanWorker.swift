import BangoCore

#if canImport(Glibc)
    import Glibc
#endif

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
        // Taken once for a shard's size and the stamp alike.
        var status: stat?
        if let shard = run.configuration.shard, case .file(let path) = target.content, target.origin.members.isEmpty {
            // A file that cannot be stat'ed goes to the shard that owns its path, which
            // then records why it could not be read.
            var info = stat()
            if path.withCString({ stat($0, &info) }) == 0 { status = info }
            switch shard.assignment(of: path, size: status.map { Int($0.st_size) } ?? 0) {
            case .elsewhere: return
            case .whole: break
            case .pieces(let pieces): target.pieces = pieces
            }
        }
        if let stamper, case .file(let path) = target.content, target.origin.members.isEmpty {
            target.origin.stamp = stamper.stamp(path, status: status)
            // Escaped once: the lookup and the manifest name the file alike.
            let name = target.origin.displayPath
            // A split file is always read: an earlier run's record holds only this shard's
            // pieces of it, and would be counted as the whole file.
            if target.pieces == nil, let stamp = target.origin.stamp,
                let unchanged = run.prior?.unchanged(name, stamp: stamp)
            {
                run.manifest.recordUnchanged(
                    path: name, findings: unchanged.findings, stamp: stamp, since: unchanged.run)
                if unchanged.findings > 0 {
                    carried.append(unchanged)
                    if carried.count >= Self.replayBatch { replayCarried() }
                }
                return
            }
        }
        // What cannot be split is the business of the shard that owns a split file's first
        // piece: a failed open, an archive, a binary skip, a text decoded front to back.
        let ownsWhole = target.pieces?.ownsFirst ?? true
        switch loader.open(target) {
        case .outcome(let outcome):
            if ownsWhole { run.recorder.record(outcome, for: target.origin) }
        case .loaded(let loaded):
            switch classifier.classify(head: loaded.head, name: loaded.name) {
            case .container(let kind):
                if ownsWhole { containers.scanTarget(loaded, kind: kind) }
            case .binary:
                if ownsWhole {
                    run.recorder.record(.skipped(kind: "file", reason: .binary, detail: nil), for: target.origin)
                }
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
