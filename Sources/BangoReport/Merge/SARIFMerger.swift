import Foundation

/// Joins the shards' SARIF logs into one run: the rules of the first (every shard of a
/// sweep has the same catalogue), every shard's results and failure notifications, and
/// the code-scanning limit applied again to the whole, the most severe kept. Memory is
/// bounded by that limit whatever the number of shards: one shard's log is read at a
/// time (it holds at most 25,000 results), and no more than the limit is kept of each
/// level.
public enum SARIFMerger {
    public static func merge(_ shards: ShardSet, pieces: PiecePositions, to path: String) throws(MergeError) -> Int {
        var byURI: [String: String] = [:]
        for path in pieces.starts.keys { byURI[SARIFReport.uri(path)] = path }
        var template: [String: Any]?
        var run: [String: Any] = [:]
        var kept = KeptResults()
        var failures: [[String: Any]] = []
        var successful = true
        var shown = 0
        for shard in shards.shards {
            guard let input = shard.outputs["sarif"] else { continue }
            shown += shard.sweep.outputs.first { $0.format == "sarif" }?.findings ?? 0
            let log: [String: Any]
            let shardRun: [String: Any]
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: input))
                guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                    let runs = object["runs"] as? [[String: Any]], runs.count == 1
                else { throw MergeError.malformed(path: input, detail: "not a SARIF log of one run") }
                log = object
                shardRun = runs[0]
            } catch let error as MergeError {
                throw error
            } catch {
                throw .malformed(path: input, detail: "not JSON (\(error))")
            }
            if template == nil {
                template = log
                run = shardRun
            }
            for var result in shardRun["results"] as? [[String: Any]] ?? [] {
                try resolve(&result, pieces: pieces, paths: byURI, input: input)
                kept.add(result)
            }
            for invocation in shardRun["invocations"] as? [[String: Any]] ?? [] {
                successful = successful && (invocation["executionSuccessful"] as? Bool ?? true)
                let notifications = invocation["toolExecutionNotifications"] as? [[String: Any]] ?? []
                // Capped as they come, as a scan caps its own: at most 1,000 read failures.
                for notification in notifications where notification["level"] as? String == "error" {
                    if failures.count < SARIFReport.failureLimit { failures.append(notification) }
                }
            }
        }
        guard var log = template else { throw .unmergeableFormat("sarif (no shard wrote one)") }
        let results = kept.results
        var notifications = failures
        let cut = max(0, shown - results.count)
        if cut > 0 { notifications.append(SARIFReport.cutNotification(cut)) }
        run["results"] = results
        run["invocations"] = [["executionSuccessful": successful, "toolExecutionNotifications": notifications]]
        log["runs"] = [run]
        do {
            let data = try JSONSerialization.data(
                withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try PrivateFile.write(Array(data) + [0x0A], to: path)
        } catch {
            throw .write("\(error)")
        }
        return results.count
    }

    /// Gives a result in a split file its file's line and column (``PiecePositions``) and
    /// drops its piece offset.
    static func resolve(
        _ result: inout [String: Any], pieces: PiecePositions, paths: [String: String], input: String
    ) throws(MergeError) {
        guard var properties = result["properties"] as? [String: Any], let offset = properties["pieceOffset"] as? Int
        else { return }
        properties["pieceOffset"] = nil
        result["properties"] = properties
        guard var locations = result["locations"] as? [[String: Any]], var location = locations.first,
            var physical = location["physicalLocation"] as? [String: Any],
            let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String, let path = paths[uri],
            var region = physical["region"] as? [String: Any], let line = region["startLine"] as? Int,
            let column = region["startColumn"] as? Int,
            let position = pieces.resolve(path: path, offset: offset, line: line, column: column)
        else { throw .malformed(path: input, detail: "a result refers to a piece that no manifest recorded") }
        region["startLine"] = position.line
        region["startColumn"] = position.column
        physical["region"] = region
        location["physicalLocation"] = physical
        locations[0] = location
        result["locations"] = locations
    }
}
