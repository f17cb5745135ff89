import BangoCore

/// Opens archives, documents and e-mail and sends what they hold back through the same
/// stages as any target: each member is classified again (a container in a container
/// is opened within the depth limit), and text is scanned by the worker's
/// ``TextScanner``. A container's findings are reported in one piece, once it is done.
///
/// A container is read into memory whole: nested zips and office packages need random
/// access. Its limits (depth, bytes, members, ratio) bound what that costs.
final class ContainerUnpacker {
    unowned let run: ScanRun
    private let loader: TargetLoader
    private let classifier: ContentClassifier
    private let text: TextScanner
    private var limits: ContainerLimits { run.configuration.containerLimits }
    private var recorder: OutcomeRecorder { run.recorder }

    init(run: ScanRun, loader: TargetLoader, classifier: ContentClassifier, text: TextScanner) {
        self.run = run
        self.loader = loader
        self.classifier = classifier
        self.text = text
    }

    /// A target that is a container: unpacked member by member within its limits.
    func scanTarget(_ loaded: LoadedTarget, kind: ContainerKind) {
        let bytes: [UInt8]
        switch loader.readWhole(loaded, limit: limits.maxTotalBytes) {
        case .failure(let outcome):
            recorder.record(outcome, for: loaded.origin)
            return
        case .success(let whole):
            bytes = whole
        }
        var budget = UnpackBudget(limits: limits)
        var findings: [Finding] = []
        unpack(
            bytes, kind: kind, name: String(decoding: loaded.name, as: UTF8.self), origin: loaded.origin, depth: 1,
            budget: &budget, into: &findings)
        run.emit(findings)
        recorder.containerScanned(loaded.origin, bytes: bytes.count, findings: findings.count)
    }

    /// A member: a container again (within the depth limit) or text.
    private func scanMember(
        _ bytes: [UInt8], name: String, origin: TargetOrigin, depth: Int, budget: inout UnpackBudget,
        into findings: inout [Finding]
    ) {
        let member = loader.member(bytes, origin: origin)
        let nameBytes = Array(name.utf8)
        switch classifier.classify(head: member.head, name: nameBytes) {
        case .container(let kind):
            guard depth <= limits.maxDepth else {
                let detail = "nested deeper than \(limits.maxDepth) levels"
                recorder.record(.skipped(kind: "file", reason: .archiveLimit, detail: detail), for: origin)
                return
            }
            let before = findings.count
            unpack(bytes, kind: kind, name: name, origin: origin, depth: depth, budget: &budget, into: &findings)
            // The stream of a gzip file is no member: its file's entry is made already.
            if origin.memberText != nil {
                recorder.containerScanned(origin, bytes: bytes.count, findings: findings.count - before)
            }
        case .binary:
            recorder.record(.skipped(kind: "file", reason: .binary, detail: nil), for: origin)
        case .text(let encoding, let bomLength):
            text.scanInline(
                member, name: nameBytes, encoding: encoding, bomLength: bomLength,
                role: origin.members.isEmpty ? .containerStream : .member, into: &findings)
        }
    }

    private func record(_ error: ContainerError, _ origin: TargetOrigin) {
        // Limits are the user's policy (skipped); encrypted and corrupt content could not
        // be read, which a sweep must not pass over quietly (failed).
        if case .limit = error {
            recorder.record(.skipped(kind: "file", reason: error.reason, detail: error.detail), for: origin)
        } else {
            recorder.record(.failed(kind: "file", reason: error.reason, detail: error.detail), for: origin)
        }
    }

    /// Unpacks one container or document and scans what it holds.
    private func unpack(
        _ bytes: [UInt8], kind: ContainerKind, name: String, origin: TargetOrigin, depth: Int,
        budget: inout UnpackBudget, into findings: inout [Finding]
    ) {
        switch kind {
        case .zip:
            unpackZip(bytes, origin: origin, depth: depth, budget: &budget, into: &findings)
        case .gzip:
            // A gzip stream adds no member: `logs.tar.gz!/app.log`, `dump.sql.gz`.
            var content: [UInt8] = []
            do {
                try Gzip.decompress(bytes, budget: &budget, partial: &content)
            } catch {
                record(error, origin)
                if case .limit = error { return }  // do not scan a bomb's first gigabyte
            }
            scanMember(
                content, name: Self.nameInsideGzip(name), origin: origin, depth: depth + 1, budget: &budget,
                into: &findings)
        case .tar:
            unpackTar(bytes, origin: origin, depth: depth, budget: &budget, into: &findings)
        case .pdf:
            scanPDF(bytes, origin: origin, into: &findings)
        case .email:
            unpackEmail(bytes, origin: origin, depth: depth, budget: &budget, into: &findings)
        case .encryptedOffice:
            let detail = "password-protected Office document"
            recorder.record(.failed(kind: "file", reason: .encrypted, detail: detail), for: origin)
        }
    }

    private func unpackTar(
        _ bytes: [UInt8], origin: TargetOrigin, depth: Int, budget: inout UnpackBudget, into findings: inout [Finding]
    ) {
        do {
            try Tar.forEachMember(
                bytes,
                skipped: { raw, reason in
                    let member = origin.appending(ZipArchive.decodeName(raw, utf8Flag: false))
                    recorder.record(.skipped(kind: "file", reason: reason, detail: "link"), for: member)
                },
                { (member: Tar.Member) throws(ContainerError) in
                    try budget.admitMember()
                    let memberName = ZipArchive.decodeName(member.name, utf8Flag: false)
                    scanMember(
                        Array(member.content), name: Self.lastComponent(memberName),
                        origin: origin.appending(memberName), depth: depth + 1, budget: &budget, into: &findings)
                })
        } catch {
            record(error, origin)
        }
    }

    private func unpackEmail(
        _ bytes: [UInt8], origin: TargetOrigin, depth: Int, budget: inout UnpackBudget, into findings: inout [Finding]
    ) {
        let message = Email.parse(bytes) { raw, charset in text.transcoders.decode(raw, charset: charset) }
        for part in message.texts { text.scanDocument(part, origin: origin, into: &findings) }
        // A part in a charset bango does not decode is still scanned as bytes (ASCII
        // identifiers are found): noted, not a failure, or every Latin-1 mail would
        // make a sweep exit 2.
        for problem in message.problems {
            recorder.record(.skipped(kind: "file", reason: .corrupt, detail: problem), for: origin)
        }
        for (attachment, content) in message.attachments {
            do {
                try budget.admitMember()
            } catch {
                record(error, origin.appending(attachment))
                continue
            }
            scanMember(
                content, name: attachment, origin: origin.appending(attachment), depth: depth + 1, budget: &budget,
                into: &findings)
        }
    }

    private func unpackZip(
        _ bytes: [UInt8], origin: TargetOrigin, depth: Int, budget: inout UnpackBudget, into findings: inout [Finding]
    ) {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes)
        } catch {
            record(error, origin)
            return
        }
        for name in archive.unreadable {
            let detail = "listed in the central directory but unreadable"
            recorder.record(.failed(kind: "file", reason: .corrupt, detail: detail), for: origin.appending(name))
        }
        if archive.missing > 0 {
            let detail =
                "the end record lists \(archive.missing) more member\(archive.missing == 1 ? "" : "s") than the central directory holds"
            recorder.record(.failed(kind: "file", reason: .corrupt, detail: detail), for: origin)
        }
        let names = archive.members.map(\.name)
        if let document = OfficeDocument.kind(of: Set(names)) {
            scanOffice(document, archive: archive, names: names, origin: origin, budget: &budget, into: &findings)
            return
        }
        for member in archive.members where !member.isDirectory {
            let memberOrigin = origin.appending(member.name)
            if member.isSymlink {
                recorder.record(
                    .skipped(kind: "file", reason: .unsupportedMember, detail: "symbolic link"), for: memberOrigin)
                continue
            }
            let content: [UInt8]
            do {
                try budget.admitMember()
                content = try archive.extract(member, budget: &budget)
            } catch {
                record(error, memberOrigin)
                continue
            }
            scanMember(
                content, name: Self.lastComponent(member.name), origin: memberOrigin, depth: depth + 1,
                budget: &budget, into: &findings)
        }
    }

    private func scanOffice(
        _ document: OfficeDocument.Kind, archive: ZipArchive, names: [String], origin: TargetOrigin,
        budget: inout UnpackBudget, into findings: inout [Finding]
    ) {
        var damaged: [String] = []
        do {
            let texts = try OfficeDocument.extract(
                document, names: names,
                read: { (part: String) throws(ContainerError) -> [UInt8]? in
                    guard let member = archive.members.first(where: { $0.name == part }) else { return nil }
                    try budget.admitMember()
                    return try archive.extract(member, budget: &budget)
                }, damaged: &damaged)
            for part in texts { text.scanDocument(part, origin: origin, into: &findings) }
        } catch {
            record(error, origin)
        }
        for part in damaged {
            let detail = "malformed XML; text before the error was scanned"
            recorder.record(.failed(kind: "file", reason: .corrupt, detail: detail), for: origin.appending(part))
        }
    }

    private func scanPDF(_ bytes: [UInt8], origin: TargetOrigin, into findings: inout [Finding]) {
        // pdftotext reads a file: a private copy, so paths that are not UTF-8 and
        // members inside archives take the same road.
        guard let copy = PrivateCopy(bytes, prefix: "bango-pdf") else {
            let detail = "could not copy the PDF to a private file"
            recorder.record(.failed(kind: "file", reason: .readError, detail: detail), for: origin)
            return
        }
        defer { copy.remove() }
        do {
            text.scanDocument(try PDFText.extract(path: copy.path), origin: origin, into: &findings)
        } catch {
            record(error, origin)
        }
    }

    static func nameInsideGzip(_ name: String) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix(".tgz") { return String(name.dropLast(4)) + ".tar" }
        if lower.hasSuffix(".gz") { return String(name.dropLast(3)) }
        return name
    }

    static func lastComponent(_ name: String) -> String {
        name.split(separator: "/").last.map(String.init) ?? name
    }
}
