import BangoCore
import Foundation

/// Hands findings to the sink so that each file's findings arrive in one piece, while a
/// large file's findings stream out chunk by chunk instead of piling up in memory.
///
/// One large file at a time *owns* the output; its parts are written as they come.
/// Meanwhile small files and other large files queue their findings here, and they are
/// written when the owner finishes. Nobody ever waits, so workers cannot deadlock on
/// output whatever the mix of files.
final class OutputGate: @unchecked Sendable {
    // SAFETY (concurrency): every stored property is touched only under `lock`, and the
    // sink is only called under it.
    private let lock = NSLock()
    private let sink: FindingSink
    private let sortByPath: Bool
    private var owner: ObjectIdentifier?
    private var pendingFiles: [[Finding]] = []
    /// Large files waiting for the output, in arrival order, with their parts so far.
    private var waiting: [(file: ObjectIdentifier, parts: [[Finding]], complete: Bool)] = []
    private var sorted: [(path: String, findings: [Finding])] = []
    private var sortingParts: [ObjectIdentifier: [Finding]] = [:]

    init(sink: FindingSink, sortByPath: Bool) {
        self.sink = sink
        self.sortByPath = sortByPath
    }

    /// A whole file's findings.
    func write(path: String, findings: [Finding]) {
        guard !findings.isEmpty else { return }
        lock.withLock {
            if sortByPath {
                sorted.append((path, findings))
            } else if owner == nil {
                sink.write(findings)
            } else {
                pendingFiles.append(findings)
            }
        }
    }

    /// The next part of a large file's findings, in file order; `isLast` ends the file.
    func writePart(of file: ObjectIdentifier, path: String, findings: [Finding], isLast: Bool) {
        lock.withLock {
            if sortByPath {
                sortingParts[file, default: []] += findings
                if isLast, let all = sortingParts.removeValue(forKey: file), !all.isEmpty { sorted.append((path, all)) }
                return
            }
            if owner == nil && !waiting.contains(where: { $0.file == file }) { owner = file }
            if owner == file {
                if !findings.isEmpty { sink.write(findings) }
                if isLast { handOver() }
            } else if let index = waiting.firstIndex(where: { $0.file == file }) {
                waiting[index].parts.append(findings)
                waiting[index].complete = isLast
            } else {
                waiting.append((file, [findings], isLast))
            }
        }
    }

    /// Writes everything sorted by path (with `sortByPath`), at the end of a run.
    func finish() {
        lock.withLock {
            for (_, findings) in sorted.sorted(by: { $0.path < $1.path }) { sink.write(findings) }
            sorted.removeAll()
        }
    }

    /// Called under `lock` when the owner is done: flush queued small files, then give
    /// the output to the next waiting large file (writing what it has so far).
    private func handOver() {
        owner = nil
        for findings in pendingFiles { sink.write(findings) }
        pendingFiles.removeAll()
        while !waiting.isEmpty {
            let next = waiting.removeFirst()
            for part in next.parts where !part.isEmpty { sink.write(part) }
            if !next.complete {
                owner = next.file
                return
            }
        }
    }
}
