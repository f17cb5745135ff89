import BangoCore

/// One worker's path for text, whatever it came from: plans how a text is read (one
/// view, chunks that several workers scan, or blocks decoded front to back), runs the
/// detection session on each piece, and hands the findings on in text order.
final class TextScanner {
    unowned let run: ScanRun
    let session: DetectionSession
    private let loader: ChunkLoader
    let transcoders: TranscoderCache
    private var configuration: ScanConfiguration { run.configuration }

    init(run: ScanRun, session: DetectionSession, transcoders: TranscoderCache) {
        self.run = run
        self.session = session
        self.transcoders = transcoders
        loader = ChunkLoader(policy: run.configuration.loadPolicy)
    }

    static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// The name a worksheet's text is classified under: tab-separated rows.
    private static let worksheetName = Array("sheet.tsv".utf8)

    // MARK: Targets, streamed to the output

    /// A target whose bytes are text: its findings stream to the output, its pieces
    /// spread over the workers.
    func scanTarget(_ loaded: LoadedTarget, encoding: TextEncoding, bomLength: Int) {
        // NUL bytes in UTF-8 "text": a binary file the user asked to scan (--binary).
        let labels = FindingLabels(
            origin: loaded.origin, encoding: encoding, reportedLines: loaded.target.reportedLines,
            isBinary: encoding == .utf8 && loaded.head.contains(0))
        let pieces = loaded.target.pieces
        guard encoding == .utf8, let bytes = RandomAccessBytes(loaded.bytes), let size = loaded.size else {
            // Decoded front to back: not split; the shard owning the first piece reads it all.
            if let pieces, !pieces.ownsFirst { return }
            scanBlocks(
                loaded, labels: labels, name: loaded.name, encoding: encoding, bomLength: bomLength, inline: false
            ) {
                text, findings, isLast in
                run.emitPart(of: text.results, findings: findings, isLast: isLast)
            }
            return
        }
        let chunkSize = configuration.loadPolicy.chunkSize
        if size > chunkSize {
            // SAFETY: each view in this file lives only for the call it is passed to, over bytes the loaded target, the
            // extracted document or the decoded block owns; `prefix` keeps a head inside its buffer.
            let table = loaded.head.withUnsafeBytes { session.tableHeader(fileName: loaded.name, head: $0) }
            let text = ChunkedText(
                origin: loaded.origin, bytes: bytes, size: size, chunkSize: chunkSize, table: table, labels: labels,
                leadingCharacters: Self.leadingCharacters(of: loaded), pieces: pieces)
            // Chunks another shard reports on are neither read nor queued.
            let chunks = (0..<text.chunkCount).filter(text.owns)
            for index in chunks.dropFirst().reversed() { run.push(.chunk(text, index: index)) }
            if let first = chunks.first { scanChunk(text, index: first) }
            return
        }
        // One view: the common small file, with no reassembly to pay for. (A split file
        // that shrank below a chunk since the split is scanned whole by its first piece's owner.)
        if let pieces, !pieces.ownsFirst { return }
        var findings: [Finding] = []
        scanWhole(loaded, bytes: bytes, size: size, name: loaded.name, labels: labels, role: .target, into: &findings)
        run.emit(findings)
    }

    /// One chunk of a large text, from the queue or from the worker that split it.
    func scanChunk(_ text: ChunkedText, index: Int) {
        let report = text.range(of: index)
        let context = session.engine.contextBytes
        let view = max(0, report.lowerBound - context)..<min(text.size, report.upperBound + context)
        let piece = scanView(text.bytes, range: view, report: report, table: text.table)
        let totals = text.results.store(piece, at: index) { findings, isLast in
            run.emitPart(of: text.results, findings: findings, isLast: isLast)
        }
        if var totals {
            // A large file is scanned for long enough that a writer may add to it (a live
            // log); the scan covers the size it had when opened, and says so.
            if text.split == nil, case .file(let file) = text.bytes, let size = file.currentSize, size > text.size {
                totals.grewTo = size
            }
            run.recorder.scanned(text.origin, totals, role: .target)
        }
    }

    /// One decoded block another worker handed over.
    func scanBlock(_ text: BlockedText, _ block: TextBlock, table: TableHeader?) {
        let totals = text.results.store(scan(block, table: table), at: block.index, wasQueued: true) {
            findings, isLast in
            run.emitPart(of: text.results, findings: findings, isLast: isLast)
        }
        if let totals { run.recorder.scanned(text.origin, totals, role: .target) }
    }

    // MARK: Texts inside containers, scanned on this thread

    /// A text inside a container: scanned whole on this worker, its findings appended
    /// to `findings` for the container to report in one piece.
    func scanInline(
        _ loaded: LoadedTarget, name: [UInt8], encoding: TextEncoding, bomLength: Int, role: OutcomeRecorder.Role,
        into findings: inout [Finding]
    ) {
        let labels = FindingLabels(origin: loaded.origin, encoding: encoding)
        if encoding == .utf8, let bytes = RandomAccessBytes(loaded.bytes), let size = loaded.size {
            scanWhole(loaded, bytes: bytes, size: size, name: name, labels: labels, role: role, into: &findings)
            return
        }
        scanBlocks(
            loaded, labels: labels, name: name, encoding: encoding, bomLength: bomLength, inline: true, role: role
        ) {
            _, part, _ in findings += part
        }
    }

    /// A UTF-8 text scanned in one view on this thread: its findings appended to
    /// `findings`, its outcome recorded.
    private func scanWhole(
        _ loaded: LoadedTarget, bytes: RandomAccessBytes, size: Int, name: [UInt8], labels: FindingLabels,
        role: OutcomeRecorder.Role, into findings: inout [Finding]
    ) {
        // SAFETY: as at the top of this file: the view lives only for the call it is passed to, over bytes its owner
        // holds.
        let table = loaded.head.withUnsafeBytes { session.tableHeader(fileName: name, head: $0) }
        let piece = scanView(bytes, range: 0..<size, report: 0..<size, table: table)
        let before = findings.count
        var resolver = LineResolver(leadingCharacters: Self.leadingCharacters(of: loaded))
        resolver.appendFindings(of: piece.outcome, labels: labels, to: &findings)
        var totals = ScanTotals(bytes: size, findings: findings.count - before)
        totals.add(truncated: piece.truncated, readError: piece.readError, limitEvents: piece.outcome.limitEvents)
        run.recorder.scanned(loaded.origin, totals, role: role)
    }

    /// A UTF-8 byte order mark is scanned with the bytes but is no character of line 1.
    private static func leadingCharacters(of loaded: LoadedTarget) -> Int {
        loaded.head.starts(with: utf8ByteOrderMark) ? 1 : 0
    }

    /// Text extracted from a document (a sheet, the pages of a PDF), whose findings
    /// carry the place they were found in.
    func scanDocument(_ extracted: ExtractedText, origin: TargetOrigin, into findings: inout [Finding]) {
        let labels = FindingLabels(origin: origin, encoding: .utf8, document: DocumentLocations(extracted))
        // SAFETY: as at the top of this file: the view lives only for the call it is passed to, over bytes its owner
        // holds.
        let outcome = extracted.text.withUnsafeBytes { raw -> ScanOutcome in
            let head = UnsafeRawBufferPointer(rebasing: raw.prefix(ScanConfiguration.headProbeBytes))
            // A worksheet is a table of tab-separated rows.
            let table = extracted.isTable ? session.tableHeader(fileName: Self.worksheetName, head: head) : nil
            return session.scan(raw, reportRange: 0..<raw.count, table: table)
        }
        var resolver = LineResolver()
        resolver.appendFindings(of: outcome, labels: labels, to: &findings)
        run.recorder.recordLimitEvents(outcome.limitEvents, for: origin)
    }

    // MARK: Pieces

    /// Reads `loaded` front to back in decoded blocks and scans them: handed to other
    /// workers while fewer than one per worker wait (unless `inline`), else here.
    private func scanBlocks(
        _ loaded: LoadedTarget, labels: FindingLabels, name: [UInt8], encoding: TextEncoding, bomLength: Int,
        inline: Bool, role: OutcomeRecorder.Role = .target, emit: (BlockedText, [Finding], Bool) -> Void
    ) {
        let text = BlockedText(origin: loaded.origin, labels: labels, size: loaded.size, encoding: encoding)
        func deliver(_ findings: [Finding], _ isLast: Bool) { emit(text, findings, isLast) }
        func complete(_ totals: ScanTotals?) {
            if let totals { run.recorder.scanned(loaded.origin, totals, role: role) }
        }
        var transcoder: Transcoder?
        if encoding != .utf8 {
            guard let made = transcoders.transcoder(for: encoding) else {
                let detail = "this system's iconv cannot decode \(encoding.rawValue)"
                run.recorder.record(.failed(kind: "file", reason: .readError, detail: detail), for: loaded.origin)
                return
            }
            transcoder = made
        }
        var decoder = BlockDecoder(
            reader: SequentialReader(loaded, from: bomLength), transcoder: transcoder,
            blockSize: max(4096, min(configuration.loadPolicy.chunkSize, 8 << 20)),
            context: session.engine.contextBytes, expectedSize: loaded.size)
        var table: TableHeader?
        let threads = configuration.threads
        while let block = decoder.next() {
            if block.index == 0 {
                // The header row of a table, from the decoded start of the text.
                // SAFETY: as at the top of this file: the view lives only for the call it is passed to, over bytes its
                // owner holds.
                table = block.text.withUnsafeBytes { raw in
                    session.tableHeader(
                        fileName: name,
                        head: UnsafeRawBufferPointer(rebasing: raw.prefix(ScanConfiguration.headProbeBytes)))
                }
            }
            // Decoding is cheaper than scanning, so up to one block per worker may wait;
            // past that, and for the last block, the decoder scans the block itself,
            // which bounds the decoded text in memory.
            if !inline, !block.isFinal, threads > 1, text.results.reserveSlot(limit: threads) {
                run.push(.block(text, block, table: table))
            } else {
                complete(text.results.store(scan(block, table: table), at: block.index, emit: deliver))
            }
        }
        let (invalid, readError, truncated, bytesRead) =
            (decoder.invalidSequences, decoder.readError, decoder.truncated, decoder.bytesRead)
        complete(
            text.results.finish(
                pieceCount: decoder.blockCount,
                update: { totals in
                    totals.invalidSequences = invalid
                    totals.readError = totals.readError ?? readError
                    totals.truncated = totals.truncated || truncated
                    if loaded.size == nil { totals.bytes = bytesRead }
                }, emit: deliver))
    }

    private func scan(_ block: TextBlock, table: TableHeader?) -> OrderedResults.Piece {
        // SAFETY: as at the top of this file: the view lives only for the call it is passed to, over bytes its owner
        // holds.
        let outcome = block.text.withUnsafeBytes { raw in
            session.scan(raw, reportRange: block.reportRange, table: table, bufferIsFileStart: block.isTextStart)
        }
        return OrderedResults.Piece(outcome: outcome)
    }

    /// Loads `range` of the bytes and scans the part of it that `report` names.
    private func scanView(
        _ bytes: RandomAccessBytes, range: Range<Int>, report: Range<Int>, table: TableHeader?
    ) -> OrderedResults.Piece {
        do {
            let (outcome, info) = try loader.withView(of: bytes, range: range) { view -> ScanOutcome in
                let lower = min(view.count, report.lowerBound - range.lowerBound)
                let upper = min(view.count, report.upperBound - range.lowerBound)
                return session.scan(
                    view, reportRange: lower..<upper, table: table, bufferIsFileStart: range.lowerBound == 0)
            }
            return OrderedResults.Piece(outcome: outcome, truncated: info.truncated)
        } catch {
            switch error {
            case .read(let code): return OrderedResults.Piece(outcome: ScanOutcome(), readError: code)
            }
        }
    }
}
