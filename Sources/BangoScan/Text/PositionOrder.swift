import BangoCore

/// The order a target's findings leave in: by line and column, stably.
enum PositionOrder {
    /// `findings` sorted by line and column (stably). The session reports a buffer's
    /// findings in order already, so usually this only checks, and copies nothing;
    /// a container's members, each in order, are merged by position.
    static func sorted(_ findings: [Finding]) -> [Finding] {
        // Fields read by index, so the check copies (and retains) no finding.
        let ordered = findings.indices.dropFirst().allSatisfy { index in
            (findings[index - 1].line, findings[index - 1].column) <= (findings[index].line, findings[index].column)
        }
        if ordered { return findings }
        func before(_ a: Finding, _ b: Finding) -> Bool { (a.line, a.column) < (b.line, b.column) }
        return findings.enumerated()
            .sorted { before($0.element, $1.element) || !before($1.element, $0.element) && $0.offset < $1.offset }
            .map(\.element)
    }
}
