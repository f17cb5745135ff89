import BangoCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a file's first bytes say it is, when it is more than text.
enum ContainerKind: Equatable {
    case zip, gzip, tar, pdf, email
    /// An Office document that is an OLE compound file: what Office writes for a
    /// password-protected xlsx/docx/pptx.
    case encryptedOffice

    static func sniff(_ head: [UInt8], name: String) -> ContainerKind? {
        if ZipArchive.isZip(head) { return .zip }
        if Gzip.isGzip(head) { return .gzip }
        if Tar.isTar(head) { return .tar }
        if PDFText.isPDF(head) { return .pdf }
        let lower = name.lowercased()
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]),
            [".xlsx", ".docx", ".pptx", ".xlsm", ".docm", ".pptm"].contains(where: lower.hasSuffix)
        {
            return .encryptedOffice
        }
        if !head.contains(0), Email.looksLikeMessage(head, name: name) { return .email }
        return nil
    }
}

/// Where a piece of text sits: the file on disk and the chain of members inside it.
struct MemberOrigin {
    let path: TargetPath
    let members: [String]
    /// `member` as JSON Lines and the manifest show it: nested members joined by `!/`.
    var memberText: String? { members.isEmpty ? nil : members.joined(separator: "!/") }

    func appending(_ member: String) -> MemberOrigin { MemberOrigin(path: path, members: members + [member]) }
}

extension Worker {
    /// Scans a file that is an archive, a document or an e-mail: read into memory (it is
    /// at most `maxTotalBytes`), then unpacked member by member within the file's limits.
    func scanContainer(path: TargetPath, fd: Int32, size: Int, kind: ContainerKind) {
        let limits = configuration.containerLimits
        guard size <= limits.maxTotalBytes else {
            manifest.record(path, kind: "file", status: .skipped, reason: .archiveLimit,
                            detail: "archive larger than \(limits.maxTotalBytes) bytes")
            return
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { raw -> Int in
                // SAFETY: reads at most the `size - filled` bytes left in the buffer.
                guard let base = raw.baseAddress else { return -1 }
                return pread(fd, base + filled, size - filled, off_t(filled))
            }
            if count < 0 {
                manifest.record(path, kind: "file", status: .failed, reason: .readError, detail: errnoDescription(errno))
                return
            }
            if count == 0 {
                manifest.record(path, kind: "file", status: .failed, reason: .truncatedDuringScan)
                return
            }
            filled += count
        }
        var budget = UnpackBudget(limits: limits)
        var findings: [Finding] = []
        let origin = MemberOrigin(path: path, members: [])
        unpack(bytes, kind: kind, name: String(decoding: path.lastComponent, as: UTF8.self), origin: origin,
               depth: 1, budget: &budget, into: &findings)
        let display = path.description
        run.emit(path: display, findings: findings)
        manifest.recordScanned(path, bytes: size, findings: findings.count)
    }

    /// A member: a container again (within the depth limit) or text.
    private func scanMember(_ bytes: [UInt8], name: String, origin: MemberOrigin, depth: Int,
                            budget: inout UnpackBudget, into findings: inout [Finding]) {
        if let kind = ContainerKind.sniff(Array(bytes.prefix(ScanConfiguration.headProbeBytes)), name: name) {
            guard depth <= configuration.containerLimits.maxDepth else {
                recordMember(origin, status: .skipped, reason: .archiveLimit,
                             detail: "nested deeper than \(configuration.containerLimits.maxDepth) levels")
                return
            }
            let before = findings.count
            unpack(bytes, kind: kind, name: name, origin: origin, depth: depth, budget: &budget, into: &findings)
            if let member = origin.memberText {
                manifest.recordScannedMember(origin.path, member: member, bytes: bytes.count,
                                             findings: findings.count - before, encoding: nil)
            }
            return
        }
        scanText(bytes, name: name, origin: origin, into: &findings)
    }

    private func recordMember(_ origin: MemberOrigin, status: TargetStatus, reason: TargetReason, detail: String?) {
        manifest.record(origin.path, kind: origin.members.isEmpty ? "file" : "member", status: status, reason: reason,
                        detail: detail, member: origin.memberText)
    }

    private func record(_ error: ContainerError, _ origin: MemberOrigin) {
        // Limits are the user's policy (skipped); encrypted and corrupt content could not
        // be read, which a sweep must not pass over quietly (failed).
        let status: TargetStatus = if case .limit = error { .skipped } else { .failed }
        recordMember(origin, status: status, reason: error.reason, detail: error.detail)
    }

    /// Unpacks one container or document and scans what it holds.
    private func unpack(_ bytes: [UInt8], kind: ContainerKind, name: String, origin: MemberOrigin, depth: Int,
                        budget: inout UnpackBudget, into findings: inout [Finding]) {
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
            let inner = Self.nameInsideGzip(name)
            scanMember(content, name: inner, origin: origin, depth: depth + 1, budget: &budget, into: &findings)
        case .tar:
            do {
                try Tar.forEachMember(bytes, skipped: { raw, reason in
                    recordMember(origin.appending(ZipArchive.decodeName(raw, utf8Flag: false)), status: .skipped,
                                 reason: reason, detail: "link")
                }) { (member: Tar.Member) throws(ContainerError) in
                    try budget.admitMember()
                    let memberName = ZipArchive.decodeName(member.name, utf8Flag: false)
                    scanMember(Array(member.content), name: Self.lastComponent(memberName), origin: origin.appending(memberName),
                               depth: depth + 1, budget: &budget, into: &findings)
                }
            } catch {
                record(error, origin)
            }
        case .pdf:
            scanPDF(bytes, origin: origin, into: &findings)
        case .email:
            let message = Email.parse(bytes) { raw, charset in self.decode(raw, charset: charset) }
            for text in message.texts { scanExtracted(text, origin: origin, encoding: nil, into: &findings) }
            // A part in a charset bango does not decode is still scanned as bytes (ASCII
            // identifiers are found): noted, not a failure, or every Latin-1 mail would
            // make a sweep exit 2.
            for problem in message.problems { recordMember(origin, status: .skipped, reason: .corrupt, detail: problem) }
            for (attachment, content) in message.attachments {
                do { try budget.admitMember() } catch {
                    record(error, origin.appending(attachment))
                    continue
                }
                scanMember(content, name: attachment, origin: origin.appending(attachment), depth: depth + 1,
                           budget: &budget, into: &findings)
            }
        case .encryptedOffice:
            recordMember(origin, status: .failed, reason: .encrypted, detail: "password-protected Office document")
        }
    }

    private func unpackZip(_ bytes: [UInt8], origin: MemberOrigin, depth: Int, budget: inout UnpackBudget,
                           into findings: inout [Finding]) {
        let archive: ZipArchive
        do { archive = try ZipArchive(bytes) } catch {
            record(error, origin)
            return
        }
        for name in archive.unreadable {
            recordMember(origin.appending(name), status: .failed, reason: .corrupt,
                         detail: "listed in the central directory but unreadable")
        }
        let names = archive.members.map(\.name)
        if let document = OfficeDocument.kind(of: Set(names)) {
            var damaged: [String] = []
            do {
                let texts = try OfficeDocument.extract(document, names: names, read: { (part: String) throws(ContainerError) -> [UInt8]? in
                    guard let member = archive.members.first(where: { $0.name == part }) else { return nil }
                    try budget.admitMember()
                    return try archive.extract(member, budget: &budget)
                }, damaged: &damaged)
                for text in texts { scanExtracted(text, origin: origin, encoding: nil, into: &findings) }
            } catch {
                record(error, origin)
            }
            for part in damaged {
                recordMember(origin.appending(part), status: .failed, reason: .corrupt, detail: "malformed XML; text before the error was scanned")
            }
            return
        }
        for member in archive.members where !member.isDirectory {
            let memberOrigin = origin.appending(member.name)
            if member.isSymlink {
                recordMember(memberOrigin, status: .skipped, reason: .unsupportedMember, detail: "symbolic link")
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
            scanMember(content, name: Self.lastComponent(member.name), origin: memberOrigin, depth: depth + 1,
                       budget: &budget, into: &findings)
        }
    }

    private func scanPDF(_ bytes: [UInt8], origin: MemberOrigin, into findings: inout [Finding]) {
        // pdftotext reads a file: a private copy, so paths that are not UTF-8 and
        // members inside archives take the same road.
        guard let copy = PrivateCopy(bytes, prefix: "bango-pdf") else {
            recordMember(origin, status: .failed, reason: .readError, detail: "could not copy the PDF to a private file")
            return
        }
        defer { copy.remove() }
        do {
            scanExtracted(try PDFText.extract(path: copy.path), origin: origin, encoding: nil, into: &findings)
        } catch {
            record(error, origin)
        }
    }

    /// A plain member: encoding detected, decoded, scanned whole.
    private func scanText(_ bytes: [UInt8], name: String, origin: MemberOrigin, into findings: inout [Finding]) {
        let kind = contentKind(of: Array(bytes.prefix(ScanConfiguration.headProbeBytes)))
        var encoding = TextEncoding.utf8
        var text = bytes[...]
        var invalid = 0
        switch kind {
        case .binary where configuration.skipBinary:
            recordMember(origin, status: .skipped, reason: .binary, detail: nil)
            return
        case .text(let detected, let bomLength):
            encoding = detected
            text = bytes[min(bomLength, bytes.count)...]
        default:
            break
        }
        var decoded: [UInt8] = []
        if encoding != .utf8, let transcoder = transcoder(for: encoding) {
            transcoder.reset()
            invalid = text.withUnsafeBytes { transcoder.decode($0, isFinal: true, into: &decoded).invalid }
        } else {
            decoded = Array(text)
        }
        var extracted = ExtractedText(part: "")
        extracted.text = decoded
        let count = scanExtracted(extracted, origin: origin, encoding: encoding, fileName: name, into: &findings)
        let repaired = Manifest.repairNote(invalidSequences: invalid)
        if let member = origin.memberText {
            manifest.recordScannedMember(origin.path, member: member, bytes: bytes.count, findings: count,
                                         encoding: encoding == .utf8 ? nil : encoding, detail: repaired)
        } else if let repaired {
            // Text that is the file itself (inside a gzip stream): its scanned entry is
            // already written, so the repair gets an entry of its own.
            recordMember(origin, status: .skipped, reason: .corrupt, detail: repaired)
        }
    }

    /// Scans one extracted text, giving its findings their member, location and
    /// encoding. Returns how many it found.
    @discardableResult
    private func scanExtracted(_ extracted: ExtractedText, origin: MemberOrigin, encoding: TextEncoding?,
                               fileName: String? = nil, into findings: inout [Finding]) -> Int {
        let outcome = extracted.text.withUnsafeBytes { raw -> ScanOutcome in
            let head = UnsafeRawBufferPointer(rebasing: raw.prefix(ScanConfiguration.headProbeBytes))
            // A worksheet is a table of tab-separated rows; a member is a table by its name.
            let tableName = extracted.isTable ? "sheet.tsv" : fileName ?? ""
            let table = engineWorker.tableHeader(fileName: Array(tableName.utf8), head: head)
            return engineWorker.scan(raw, reportRange: 0..<raw.count, table: table)
        }
        var found = LineResolver.findings(of: [outcome], path: origin.path.description, encoding: encoding ?? .utf8)
        let hasLocation = !extracted.part.isEmpty || !extracted.partStarts.isEmpty
        let lineStarts = hasLocation && extracted.isTable && !found.isEmpty ? extracted.lineStarts() : []
        for index in found.indices {
            found[index].member = origin.memberText
            if hasLocation {
                found[index].location = extracted.location(
                    line: found[index].line, column: found[index].column, lineStarts: lineStarts)
            }
        }
        recordLimitEvents(outcome.limitEvents, path: origin.path)
        findings += found
        return found.count
    }

    /// Text in a MIME charset as UTF-8, or nil for a charset bango does not decode.
    func decode(_ bytes: [UInt8], charset: String) -> [UInt8]? {
        if ["us-ascii", "ascii", "utf-8", "utf8"].contains(charset) { return bytes }
        guard let encoding = TextEncoding(name: charset), let transcoder = transcoder(for: encoding) else { return nil }
        transcoder.reset()
        var output: [UInt8] = []
        _ = bytes.withUnsafeBytes { transcoder.decode($0, isFinal: true, into: &output) }
        return output
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
