#if canImport(Glibc)
import Glibc
#endif
import BangoCore

/// One thread's share of a run: lists directories, opens files, scans views.
final class Worker {
    unowned let run: ScanRun
    let engineWorker: EngineWorker
    private let loader: ChunkLoader
    var configuration: ScanConfiguration { run.configuration }
    var manifest: Manifest { run.manifest }

    /// One transcoder per encoding this worker has met (see ``transcoder(for:)``).
    private var transcoders: [TextEncoding: Transcoder?] = [:]

    init(run: ScanRun) {
        self.run = run
        engineWorker = EngineWorker(engine: run.engine, options: run.options)
        loader = ChunkLoader(policy: run.configuration.loadPolicy)
    }

    func process(_ job: Job) {
        switch job {
        case .directory(let directory): list(directory)
        case .file(let file): scanFile(file.path)
        case .chunk(let file, let index): scanChunk(of: file, index: index)
        case .decodedBlock(let file, let block): scan(block, of: file, wasQueued: true)
        }
    }

    // MARK: Walking

    private func list(_ job: DirectoryJob) {
        guard let stream = job.path.withCString({ opendir($0) }) else {
            manifest.recordFailure(job.path, kind: "directory", errno: errno)
            return
        }
        defer { closedir(stream) }
        var ignores = job.ignores
        if configuration.respectGitignore, job.ancestors.count > 1, let file = ScanRun.readIgnoreFile(in: job.path) {
            ignores = ignores.adding(file)
        }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            classify(job.path.appending(name), name: name, type: entry.pointee.d_type, parent: job, ignores: ignores)
        }
    }

    private func classify(_ path: TargetPath, name: [UInt8], type: UInt8, parent: DirectoryJob, ignores: IgnoreStack) {
        var info = stat()
        var mode: mode_t
        if Int(type) == DT_UNKNOWN || Int(type) == DT_DIR || Int(type) == DT_LNK {
            // Directories need (device, inode) for loop detection; links and unknowns
            // need their real type.
            guard path.withCString({ lstat($0, &info) }) == 0 else {
                manifest.recordFailure(path, kind: "path", errno: errno)
                return
            }
            mode = info.st_mode & S_IFMT
        } else {
            mode = Self.mode(forDirentType: type)
        }

        var isDirectory = mode == S_IFDIR
        if isExcluded(path, name: name, isDirectory: isDirectory) { return }
        if configuration.respectGitignore, ignores.isIgnored(path, isDirectory: isDirectory) {
            manifest.record(path, kind: isDirectory ? "directory" : "file", status: .skipped, reason: .ignored)
            return
        }
        if mode == S_IFLNK {
            guard configuration.followSymlinks else {
                manifest.record(path, kind: "symlink", status: .skipped, reason: .symlink)
                return
            }
            guard path.withCString({ stat($0, &info) }) == 0 else {
                manifest.recordFailure(path, kind: "symlink", errno: errno)
                return
            }
            mode = info.st_mode & S_IFMT
            isDirectory = mode == S_IFDIR
        }

        switch mode {
        case S_IFDIR:
            if ScanConfiguration.vcsDirectoryNames.contains(name) {
                manifest.record(path, kind: "directory", status: .skipped, reason: .vcsDirectory)
                return
            }
            let identity = DeviceInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            if parent.ancestors.contains(identity) {
                manifest.record(path, kind: "directory", status: .skipped, reason: .symlinkLoop)
                return
            }
            run.push(.directory(DirectoryJob(path: path, ignores: ignores, ancestors: parent.ancestors + [identity])))
        case S_IFREG:
            if !configuration.includeGlobs.isEmpty && !matchesInclude(path, name: name) {
                manifest.record(path, kind: "file", status: .skipped, reason: .notIncluded)
                return
            }
            run.push(.file(FileJob(path: path)))
        default:
            let (kind, reason) = ScanRun.classifySpecial(mode)
            manifest.record(path, kind: kind, status: .skipped, reason: reason)
        }
    }

    private func isExcluded(_ path: TargetPath, name: [UInt8], isDirectory: Bool) -> Bool {
        for glob in configuration.excludeGlobs where Self.glob(glob, matches: path, name: name) {
            manifest.record(path, kind: isDirectory ? "directory" : "file", status: .skipped, reason: .excluded,
                            detail: glob.pattern)
            return true
        }
        return false
    }

    private func matchesInclude(_ path: TargetPath, name: [UInt8]) -> Bool {
        configuration.includeGlobs.contains { Self.glob($0, matches: path, name: name) }
    }

    /// A glob without `/` matches the name at any depth; one with `/` matches the path
    /// (or any trailing part of it, so `docs/*.csv` works from any root).
    static func glob(_ glob: Glob, matches path: TargetPath, name: [UInt8]) -> Bool {
        if !glob.pattern.contains("/") { return glob.matches(name) }
        if glob.matches(path.bytes) { return true }
        var index = 0
        for byte in path.bytes {
            index += 1
            if byte == UInt8(ascii: "/"), glob.matches(path.bytes[index...]) { return true }
        }
        return false
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

    // MARK: Scanning

    private func scanFile(_ path: TargetPath) {
        // O_NONBLOCK: if a FIFO was swapped in since we looked, open must not hang.
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else {
            manifest.recordFailure(path, kind: "file", errno: errno)
            return
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            let (kind, reason) = ScanRun.classifySpecial(info.st_mode)
            manifest.record(path, kind: kind, status: .skipped, reason: reason)
            close(fd)
            return
        }
        let size = Int(info.st_size)
        if let limit = configuration.maxFileSize, size > limit {
            manifest.record(path, kind: "file", status: .skipped, reason: .tooLarge, detail: "\(size) bytes")
            close(fd)
            return
        }
        let head = readHead(fd: fd, size: size)
        if configuration.unpackContainers,
            let container = ContainerKind.sniff(head, name: String(decoding: path.lastComponent, as: UTF8.self))
        {
            defer { close(fd) }
            scanContainer(path: path, fd: fd, size: size, kind: container)
            return
        }
        switch contentKind(of: head) {
        case .binary where configuration.skipBinary:
            manifest.record(path, kind: "file", status: .skipped, reason: .binary)
            close(fd)
            return
        case .text(let encoding, let bomLength) where encoding != .utf8:
            defer { close(fd) }
            scanDecoded(path: path, fd: fd, size: size, encoding: encoding, skipping: bomLength)
            return
        default:
            break  // UTF-8 (or binary asked for with --binary): scanned as the bytes are
        }
        let table = head.withUnsafeBytes { engineWorker.tableHeader(fileName: path.lastComponent, head: $0) }
        // A UTF-8 byte order mark is scanned with the bytes but is no character of line 1.
        let bomCharacters = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 1 : 0
        let chunkSize = configuration.loadPolicy.chunkSize
        if size > chunkSize {
            let file = LargeFile(path: path, fd: fd, size: size, chunkSize: chunkSize, table: table,
                                 leadingCharacters: bomCharacters)
            for index in stride(from: file.chunkCount - 1, through: 1, by: -1) { run.push(.chunk(file, index: index)) }
            scanChunk(of: file, index: 0)
            return
        }
        defer { close(fd) }
        let result = scanView(fd: fd, range: 0..<size, report: 0..<size, table: table)
        finish(path: path, size: size, chunks: [result], leadingCharacters: bomCharacters)
    }

    private func scanChunk(of file: LargeFile, index: Int) {
        let report = file.range(of: index)
        let context = engineWorker.engine.contextBytes
        let view = max(0, report.lowerBound - context)..<min(file.size, report.upperBound + context)
        let result = scanView(fd: file.fd, range: view, report: report, table: file.table)
        file.store(result, at: index) { findings, isLast in
            run.emitPart(of: file, path: file.path, findings: findings, isLast: isLast)
            if isLast { record(file) }
        }
    }

    /// The manifest entry of a large file, once its last chunk is in.
    private func record(_ file: LargeFile) {
        recordEnd(of: file.path, bytes: file.size, findings: file.findingCount, readError: file.readError,
                  truncated: file.truncated, limitEvents: file.limitEvents)
    }

    /// The manifest entry of a file once it is scanned: failed if a read failed or the
    /// file shrank under the scan, else scanned (with what decoding had to repair), and
    /// an entry per pattern that hit its limit.
    private func recordEnd(
        of path: TargetPath, bytes: Int, findings: Int, readError: Int32?, truncated: Bool,
        encoding: TextEncoding? = nil, invalidSequences: Int = 0, limitEvents: [MatchLimitEvent]
    ) {
        if let readError {
            manifest.record(path, kind: "file", status: .failed, reason: .readError, detail: errnoDescription(readError))
        } else if truncated {
            manifest.record(path, kind: "file", status: .failed, reason: .truncatedDuringScan,
                            detail: "findings before the cut are reported")
        } else {
            manifest.recordScanned(path, bytes: bytes, findings: findings, encoding: encoding,
                                   detail: Manifest.repairNote(invalidSequences: invalidSequences))
        }
        recordLimitEvents(limitEvents, path: path)
    }

    func recordLimitEvents(_ events: [MatchLimitEvent], path: TargetPath) {
        for event in events {
            manifest.record(path, kind: "file", status: .failed, reason: .patternLimit,
                            detail: "\(event.detectorID) near byte \(event.byteOffset): \(event.message)")
        }
    }

    /// Loads `range` of the file and scans the part of it that `report` names.
    private func scanView(fd: Int32, range: Range<Int>, report: Range<Int>, table: TableHeader?) -> LargeFile.ChunkResult {
        do {
            let (outcome, info) = try loader.withView(fd: fd, range: range) { view -> ScanOutcome in
                let lower = min(view.count, report.lowerBound - range.lowerBound)
                let upper = min(view.count, report.upperBound - range.lowerBound)
                return engineWorker.scan(
                    view, reportRange: lower..<upper, table: table, bufferIsFileStart: range.lowerBound == 0)
            }
            return LargeFile.ChunkResult(outcome: outcome, truncated: info.truncated, readError: nil)
        } catch {
            switch error {
            case .read(let code): return LargeFile.ChunkResult(outcome: ScanOutcome(), truncated: false, readError: code)
            }
        }
    }

    private func finish(path: TargetPath, size: Int, chunks: [LargeFile.ChunkResult], leadingCharacters: Int) {
        let display = path.description
        let findings = LineResolver.findings(of: chunks.map(\.outcome), path: display, leadingCharacters: leadingCharacters)
        run.emit(path: display, findings: findings)
        recordEnd(of: path, bytes: size, findings: findings.count, readError: chunks.compactMap(\.readError).first,
                  truncated: chunks.contains(where: \.truncated), limitEvents: chunks.flatMap(\.outcome.limitEvents))
    }

    /// The encoding `--encoding` forces (skipping its byte order mark if the file has
    /// one), or the one the head suggests.
    func contentKind(of head: [UInt8]) -> ContentKind {
        guard let forced = configuration.forcedEncoding else { return EncodingDetector.detect(head) }
        let detected = EncodingDetector.detect(head.prefix(4))
        if case .text(forced, let bomLength) = detected { return .text(forced, bomLength: bomLength) }
        return .text(forced, bomLength: 0)
    }

    // MARK: Decoding

    /// The worker's transcoder for `encoding`, made when first needed and reused across
    /// files; nil when this system's iconv lacks the encoding.
    func transcoder(for encoding: TextEncoding) -> Transcoder? {
        if let existing = transcoders[encoding] { return existing }
        let made = Transcoder(encoding: encoding)
        transcoders[encoding] = made
        return made
    }

    /// Scans a file that is not UTF-8: reads it in blocks, transcodes each to UTF-8 and
    /// scans the decoded text, keeping enough decoded text from one block to the next
    /// that a match or its keywords are never cut, so memory stays bounded by the block
    /// size whatever the file size. Lines and columns refer to the decoded text. One
    /// worker decodes a file from start to end (the decoder's state runs through it).
    private func scanDecoded(path: TargetPath, fd: Int32, size: Int, encoding: TextEncoding, skipping bomLength: Int) {
        guard let transcoder = transcoder(for: encoding) else {
            manifest.record(path, kind: "file", status: .failed, reason: .readError,
                            detail: "this system's iconv cannot decode \(encoding.rawValue)")
            return
        }
        transcoder.reset()
        let file = DecodedFile(path: path, encoding: encoding)
        let context = engineWorker.engine.contextBytes
        let blockSize = max(4096, min(configuration.loadPolicy.chunkSize, 8 << 20))
        var block = [UInt8](repeating: 0, count: blockSize)
        var pending: [UInt8] = []  // input bytes of a sequence cut by the block's end
        var decoded: [UInt8] = []
        decoded.reserveCapacity(blockSize * 2 + context * 2)
        var reportStart = 0  // where in `decoded` the next report range starts
        var droppedBytes = 0  // decoded bytes already discarded from the front
        var table: TableHeader? = nil
        var summary = DecodedFile.Summary(size: size, invalidSequences: 0)
        var offset = bomLength
        var index = 0
        while true {
            let count = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress, blockSize, off_t(offset)) }
            if count < 0 {
                summary.readError = errno
                break
            }
            offset += count
            let isFinal = count == 0 || offset >= size
            if count == 0 && offset < size {
                summary.truncated = true
            }
            // A character cut by the previous block's end is finished first, from its
            // bytes and the next few; the block itself is then decoded where it lies.
            var start = 0
            if !pending.isEmpty {
                let joint = pending + block[0..<min(count, 4)]
                let result = joint.withUnsafeBytes {
                    transcoder.decode($0, isFinal: isFinal && count <= 4, into: &decoded)
                }
                summary.invalidSequences += result.invalid
                if result.consumed < pending.count {
                    // Still incomplete (a short read): keep everything for the next block.
                    pending = Array(pending[result.consumed...]) + block[0..<count]
                    start = count
                } else {
                    start = min(count, result.consumed - pending.count)
                    pending = []
                }
            }
            if start < count || isFinal {
                let result = block.withUnsafeBytes { raw in
                    transcoder.decode(UnsafeRawBufferPointer(rebasing: raw[start..<count]), isFinal: isFinal, into: &decoded)
                }
                summary.invalidSequences += result.invalid
                pending += block[(start + result.consumed)..<count]
            }
            if droppedBytes == 0, table == nil {
                // The header row of a table, from the decoded start of the file.
                table = decoded.withUnsafeBytes { raw in
                    engineWorker.tableHeader(
                        fileName: path.lastComponent,
                        head: UnsafeRawBufferPointer(rebasing: raw.prefix(ScanConfiguration.headProbeBytes)))
                }
            }
            // Report all but the last `context` bytes, which the next block's matches may
            // need as lookbehind and which may start a match that continues there.
            var reportEnd = isFinal ? decoded.count : max(reportStart, decoded.count - context)
            while reportEnd > reportStart && reportEnd < decoded.count && decoded[reportEnd] & 0xC0 == 0x80 {
                reportEnd -= 1
            }
            let piece = DecodedFile.Block(
                index: index, text: decoded, reportRange: reportStart..<reportEnd, isFileStart: droppedBytes == 0,
                table: table)
            // Other workers scan this block while this one decodes the next. Up to one
            // block per worker may wait (decoding is cheaper than scanning, so a shorter
            // queue leaves them idle between blocks); past that, and for the last block,
            // the decoder scans the block itself, which bounds the decoded text in memory.
            if !isFinal, configuration.threads > 1, file.reserveSlot(limit: configuration.threads) {
                run.push(.decodedBlock(file, piece))
            } else {
                scan(piece, of: file, wasQueued: false)
            }
            index += 1
            if isFinal { break }
            // The block keeps its text; the next starts from a copy of the context only.
            let keepFrom = max(0, reportEnd - context)
            var next: [UInt8] = []
            next.reserveCapacity(blockSize * 2 + context * 2)
            next += decoded[keepFrom...]
            decoded = next
            droppedBytes += keepFrom
            reportStart = reportEnd - keepFrom
        }
        file.finish(blockCount: index, summary: summary, emit: { findings, isLast in
            run.emitPart(of: file, path: path, findings: findings, isLast: isLast)
        }, complete: { record($0, of: file) })
    }

    /// Scans one decoded block and hands its outcome to the file.
    private func scan(_ block: DecodedFile.Block, of file: DecodedFile, wasQueued: Bool) {
        let outcome = block.text.withUnsafeBytes { raw in
            engineWorker.scan(raw, reportRange: block.reportRange, table: block.table, bufferIsFileStart: block.isFileStart)
        }
        file.store(outcome, at: block.index, wasQueued: wasQueued, emit: { findings, isLast in
            run.emitPart(of: file, path: file.path, findings: findings, isLast: isLast)
        }, complete: { record($0, of: file) })
    }

    /// The manifest entry of a decoded file, once its last block is in.
    private func record(_ summary: DecodedFile.Summary, of file: DecodedFile) {
        recordEnd(of: file.path, bytes: summary.size, findings: summary.findings, readError: summary.readError,
                  truncated: summary.truncated, encoding: file.encoding, invalidSequences: summary.invalidSequences,
                  limitEvents: summary.limitEvents)
    }

    /// The first bytes of the file: read for its encoding, for NULs (the binary-file
    /// policy of ripgrep and git, applied once UTF-16 has been ruled out) and for a
    /// table header.
    private func readHead(fd: Int32, size: Int) -> [UInt8] {
        let probe = min(size, ScanConfiguration.headProbeBytes)
        guard probe > 0 else { return [] }
        var head = [UInt8](repeating: 0, count: probe)
        let count = pread(fd, &head, probe, 0)
        return count > 0 ? Array(head[0..<count]) : []
    }
}
