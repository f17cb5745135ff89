extension GitChangeSource {
    /// Turns a diff's changes into targets: filters them, fetches their bytes and says
    /// which lines to report.
    func emit(
        _ changes: [GitChange], commit: CommitStamp?, blobs: GitBlobReader, yield: (ScanTarget) -> Void,
        record: (TargetOutcome, TargetOrigin) -> Void
    ) throws(GitError) {
        for change in changes where change.addsContent {
            let path = TargetPath(bytes: change.path)
            let origin = TargetOrigin(path: path, commit: commit)
            if let reason = filter.reasonToSkip(path) {
                record(.skipped(kind: "file", reason: reason, detail: nil), origin)
                continue
            }
            let lines = change.isBinary ? nil : change.addedLines
            if change.isInWorkingTree {
                let file = TargetPath(repository.root).appending(change.path)
                yield(ScanTarget(origin: origin, content: .file(file), reportedLines: lines))
                continue
            }
            switch try blobs.blob(change.newBlob, limit: blobLimit) {
            case .bytes(let bytes):
                yield(ScanTarget(origin: origin, content: .bytes(bytes), reportedLines: lines))
            case .tooLarge(let size):
                record(.skipped(kind: "file", reason: .tooLarge, detail: "blob of \(size) bytes"), origin)
            case .missing:
                record(.failed(kind: "file", reason: .notFound, detail: "blob \(change.newBlob) missing"), origin)
            }
        }
    }
}
