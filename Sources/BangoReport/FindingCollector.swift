import BangoCore

/// The formatter of reports that are written whole at the end (SARIF, JUnit): it
/// keeps the findings it is given, up to a limit, and writes nothing as they arrive.
public final class FindingCollector: FindingFormatter, Sendable {
    private struct State {
        var findings: [Finding] = []
        var dropped = 0
    }

    private let state = Locked(State())
    /// Findings kept at most; those past it are counted, not kept.
    public let limit: Int

    public init(limit: Int = .max) { self.limit = limit }

    public func format(_ findings: [Finding]) -> [UInt8] {
        state.withLock { state in
            let room = max(0, limit - state.findings.count)
            state.findings += findings.prefix(room)
            state.dropped += max(0, findings.count - room)
        }
        return []
    }

    /// What was kept, sorted by path, member, line and column, so that a report is the
    /// same whatever order the workers finished in.
    public var findings: [Finding] {
        state.withLock { $0.findings }.sorted {
            ($0.path, $0.member ?? "", $0.line, $0.column, $0.detector)
                < ($1.path, $1.member ?? "", $1.line, $1.column, $1.detector)
        }
    }

    /// Findings past the limit.
    public var dropped: Int { state.withLock { $0.dropped } }
}
