/// The SARIF results a merged run keeps: at most the code-scanning limit, the most
/// severe first (errors, then warnings, then notes), in the order they came. Of each
/// level no more than the limit is held, so memory stays bounded however many results
/// the shards bring.
struct KeptResults {
    /// Per level (error, warning, note): arrival number and result.
    private var levels: [[(order: Int, result: [String: Any])]] = [[], [], []]
    private var arrived = 0

    mutating func add(_ result: [String: Any]) {
        let level: Int =
            switch result["level"] as? String {
            case "error": 0
            case "warning": 1
            default: 2
            }
        arrived += 1
        // The earliest of a level win: later ones of the same level would be cut anyway.
        guard levels[level].count < SARIFReport.resultLimit else { return }
        levels[level].append((arrived, result))
    }

    /// The kept results, in arrival order.
    var results: [[String: Any]] {
        var kept: [(order: Int, result: [String: Any])] = []
        for level in levels {
            kept += level.prefix(SARIFReport.resultLimit - kept.count)
            if kept.count == SARIFReport.resultLimit { break }
        }
        return kept.sorted { $0.order < $1.order }.map(\.result)
    }
}
