import BangoCore

#if canImport(Glibc)
    import Glibc
#endif

/// Opens targets and reads their first bytes; with ``ChunkLoader`` (views of any range)
/// and ``SequentialReader`` (front to back) the only code that reads a target's bytes.
struct TargetLoader {
    let configuration: ScanConfiguration

    /// What opening a target gave.
    enum Opened {
        case loaded(LoadedTarget)
        /// Not scanned: a special file, one past the size limit, one that could not be opened.
        case outcome(TargetOutcome)
    }

    func open(_ target: ScanTarget) -> Opened {
        switch target.content {
        case .file(let path): return openFile(path, target: target)
        case .bytes(let bytes):
            if let limit = configuration.maxFileSize, bytes.count > limit {
                return .outcome(.skipped(kind: "file", reason: .tooLarge, detail: "\(bytes.count) bytes"))
            }
            let head = Array(bytes.prefix(ScanConfiguration.headProbeBytes))
            return .loaded(LoadedTarget(target: target, head: head, bytes: .memory(bytes), size: bytes.count))
        case .standardInput: return openStandardInput(target)
        }
    }

    private func openFile(_ path: TargetPath, target: ScanTarget) -> Opened {
        // O_NONBLOCK: if a FIFO was swapped in since the walk looked, open must not hang.
        let fd = path.withCString { Glibc.open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { return .outcome(.failure(kind: "file", errno: errno)) }
        let file = OpenFile(fd: fd)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return .outcome(.special(mode: info.st_mode))
        }
        let size = Int(info.st_size)
        if let limit = configuration.maxFileSize, size > limit {
            return .outcome(.skipped(kind: "file", reason: .tooLarge, detail: "\(size) bytes"))
        }
        let probe = min(size, ScanConfiguration.headProbeBytes)
        var head = [UInt8](repeating: 0, count: probe)
        let count = probe == 0 ? 0 : pread(fd, &head, probe, 0)
        head.removeLast(probe - max(0, count))
        return .loaded(LoadedTarget(target: target, head: head, bytes: .file(file), size: size))
    }

    private func openStandardInput(_ target: ScanTarget) -> Opened {
        let reader = StreamReader(fd: STDIN_FILENO)
        var head = [UInt8](repeating: 0, count: ScanConfiguration.headProbeBytes)
        var filled = 0
        do {
            while filled < head.count {
                let count = try Self.read(into: &head, at: filled) { buffer throws(ReadFailure) in
                    try reader.read(into: buffer)
                }
                if count == 0 { break }
                filled += count
            }
        } catch {
            return .outcome(.failure(kind: "stream", errno: error.code))
        }
        head.removeLast(head.count - filled)
        let size: Int? = reader.reachedEnd ? filled : nil
        return .loaded(LoadedTarget(target: target, head: head, bytes: .stream(reader), size: size))
    }

    /// A member of a container, already in memory: no size limit (its container's
    /// limits bound it) and no read.
    func member(_ bytes: [UInt8], origin: TargetOrigin) -> LoadedTarget {
        LoadedTarget(
            target: ScanTarget(origin: origin, content: .bytes(bytes)),
            head: Array(bytes.prefix(ScanConfiguration.headProbeBytes)), bytes: .memory(bytes), size: bytes.count)
    }

    /// Every byte of `loaded`, for containers (which need random access to a whole
    /// archive): at most `limit` bytes, else the outcome that says why not.
    func readWhole(_ loaded: LoadedTarget, limit: Int) -> Result<[UInt8], TargetOutcome> {
        if let size = loaded.size, size > limit {
            return .failure(.skipped(kind: "file", reason: .archiveLimit, detail: "archive larger than \(limit) bytes"))
        }
        if case .memory(let bytes) = loaded.bytes { return .success(bytes) }
        var bytes = [UInt8](repeating: 0, count: loaded.size ?? min(limit + 1, 1 << 20))
        var reader = SequentialReader(loaded, from: 0)
        var filled = 0
        do {
            while true {
                if filled == bytes.count {
                    guard loaded.size == nil, bytes.count <= limit else { break }
                    bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - bytes.count)))
                }
                let count = try Self.read(into: &bytes, at: filled) { buffer throws(ReadFailure) in
                    try reader.read(into: buffer)
                }
                if count == 0 { break }
                filled += count
            }
        } catch {
            return .failure(.failed(kind: "file", reason: .readError, detail: errnoDescription(error.code)))
        }
        if let size = loaded.size, filled < size {
            return .failure(.failed(kind: "file", reason: .truncatedDuringScan, detail: nil))
        }
        if filled > limit {
            return .failure(.skipped(kind: "file", reason: .archiveLimit, detail: "archive larger than \(limit) bytes"))
        }
        bytes.removeLast(bytes.count - filled)
        return .success(bytes)
    }

    /// One read into the tail of `bytes` from `offset` on.
    private static func read(
        into bytes: inout [UInt8], at offset: Int,
        _ read: (UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int
    ) throws(ReadFailure) -> Int {
        // SAFETY: the rebased buffer covers bytes[offset...] only and does not outlive
        // this closure; `read` writes at most its count.
        try bytes.withUnsafeMutableBytes { raw in
            Result { () throws(ReadFailure) in try read(UnsafeMutableRawBufferPointer(rebasing: raw[offset...])) }
        }.get()
    }
}
