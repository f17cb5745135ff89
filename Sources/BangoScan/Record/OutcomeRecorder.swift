import BangoCore

/// The one place where what became of a target is written down: every manifest entry of
/// a run is made here, from what the stages report.
struct OutcomeRecorder: Sendable {
    let manifest: Manifest

    /// What a scanned text is to the manifest.
    enum Role {
        /// A target a source yielded (a file, standard input, a git blob): it adds to the totals.
        case target
        /// A member of an archive or an e-mail: an entry of its own, no totals.
        case member
        /// The stream inside a gzip file, which adds no member level: its file's entry
        /// is written already, so only what decoding repaired is noted.
        case containerStream
        /// Text extracted from a document (a sheet, a page): the document's entry covers it.
        case documentText
    }

    /// A target, member or folder that was not scanned, or not in full.
    func record(_ outcome: TargetOutcome, for origin: TargetOrigin) {
        let member = origin.memberText
        let (status, kind, reason, detail): (TargetStatus, String, TargetReason, String?) =
            switch outcome {
            case .skipped(let kind, let reason, let detail): (.skipped, kind, reason, detail)
            case .failed(let kind, let reason, let detail): (.failed, kind, reason, detail)
            }
        manifest.record(
            path: origin.displayPath, kind: member == nil ? kind : "member", status: status, reason: reason,
            detail: detail, member: member)
    }

    /// A text scanned to its end (or to where its bytes ran out).
    func scanned(_ origin: TargetOrigin, _ totals: ScanTotals, role: Role) {
        var repaired = Self.repairNote(invalidSequences: totals.invalidSequences)
        if let size = totals.grewTo {
            let note = "grew to \(size) bytes while being scanned: the \(size - totals.bytes) bytes added were not read"
            repaired = repaired.map { $0 + "; " + note } ?? note
        }
        let encoding = totals.encoding == .utf8 ? nil : totals.encoding.rawValue
        switch role {
        case .target:
            if let code = totals.readError {
                record(.failed(kind: "file", reason: .readError, detail: errnoDescription(code)), for: origin)
            } else if totals.truncated {
                let detail = "findings before the cut are reported"
                record(.failed(kind: "file", reason: .truncatedDuringScan, detail: detail), for: origin)
            } else {
                manifest.recordScanned(
                    path: origin.displayPath, bytes: totals.bytes, findings: totals.findings, encoding: encoding,
                    detail: repaired, stamp: origin.stamp, part: totals.part)
            }
        case .member:
            if let member = origin.memberText {
                manifest.recordScannedMember(
                    path: origin.displayPath, member: member, bytes: totals.bytes, findings: totals.findings,
                    encoding: encoding, detail: repaired)
            }
        case .containerStream:
            if let repaired { record(.skipped(kind: "file", reason: .corrupt, detail: repaired), for: origin) }
        case .documentText:
            break
        }
        recordLimitEvents(totals.limitEvents, for: origin)
    }

    /// A container scanned through: the file itself (totals) or a nested one (an entry).
    func containerScanned(_ origin: TargetOrigin, bytes: Int, findings: Int) {
        if let member = origin.memberText {
            manifest.recordScannedMember(path: origin.displayPath, member: member, bytes: bytes, findings: findings)
        } else {
            manifest.recordScanned(path: origin.displayPath, bytes: bytes, findings: findings, stamp: origin.stamp)
        }
    }

    /// An entry per pattern that hit its PCRE2 limit: the rest of the text was scanned,
    /// but not what that pattern would have matched there.
    func recordLimitEvents(_ events: [MatchLimitEvent], for origin: TargetOrigin) {
        for event in events {
            manifest.record(
                path: origin.displayPath, kind: "file", status: .failed, reason: .patternLimit,
                detail: "\(event.detectorID) near byte \(event.byteOffset): \(event.message)")
        }
    }

    /// The `detail` of a scanned text whose decoding replaced invalid bytes.
    static func repairNote(invalidSequences: Int) -> String? {
        invalidSequences == 0 ? nil : "\(invalidSequences) invalid byte sequences replaced with U+FFFD"
    }
}
