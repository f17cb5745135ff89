import PCRE2

/// Compiles and JIT-compiles one detector definition, checking what a pack author can
/// get wrong: a regex that does not compile, a group name the regex lacks, a pattern
/// that backtracks catastrophically.
enum DetectorCompiler {
    /// Inputs on which a sane pattern needs few backtracking steps and a catastrophic one
    /// (nested quantifiers such as `(a+)+$`) needs exponentially many.
    static let backtrackingProbes: [String] = {
        let runs = ["a", "1", "1 ", "a1", "-", " ", "aa-", "1.", "\u{3042}", "_a"]
        return runs.map { String(repeating: $0, count: 3000 / $0.count) + "!" }
    }()

    /// Runs `regex` over the probes under a tight match limit; a pattern that hits it
    /// would stall real scans, so the pack is rejected instead.
    static func checkBacktracking(_ regex: Regex, definition: DetectorDefinition, source: String) throws(EngineError) {
        let scratch = MatchScratch(limits: .init(matchLimit: 2_000_000, depthLimit: 10_000, heapLimitKiB: 20_000))
        for probe in backtrackingProbes + definition.examples.map({ String(repeating: $0.text + " ", count: 20) }) {
            let bytes = Array(probe.utf8)
            let inputSize = bytes.count
            do {
                var start = 0
                // Search the whole probe, as a scan would, one match after another.
                while start < bytes.count {
                    guard
                        // SAFETY: the raw view lives only for the one search call, over `bytes`, an array this loop
                        // owns; `start` < bytes.count by the loop condition.
                        let range = try bytes.withUnsafeBytes({
                            try regex.firstMatch(in: $0, from: start, to: $0.count, scratch: scratch)
                        })
                    else { break }
                    start = max(range.upperBound, start + 1)
                }
            } catch {
                let reason = (error as? MatchError)?.message ?? "\(error)"
                let message = "the regex backtracks catastrophically (\(reason) on a \(inputSize)-byte test input); "
                throw EngineError.pack(
                    PackError(
                        source: source, line: definition.line, ruleID: definition.id,
                        message: message + "avoid nested quantifiers such as (a+)+"))
            }
        }
    }

    static func compile(
        _ definition: DetectorDefinition, source: String, probeBacktracking: Bool = true
    ) throws(EngineError) -> CompiledDetector {
        func compileRegex(_ pattern: String, field: String, options: CompileOptions = []) throws(EngineError) -> Regex {
            do {
                return try Regex(pattern, options: options)
            } catch {
                throw EngineError.pack(
                    PackError(
                        source: source, line: definition.line, ruleID: definition.id,
                        message: field == "regex" ? error.description : "`\(field)`: \(error.description)"))
            }
        }
        // A literal-triggered match must contain its literal; with no look-behind the
        // window starts at the literal, so a match can only start there. Anchoring says
        // so to PCRE2, which then tries one start instead of every byte of the window:
        // a log with a URL on every line costs one attempt per URL, not hundreds.
        var anchored = false
        if case .literals(_, _, let lookbehind, _) = definition.trigger { anchored = lookbehind == 0 }
        let regex = try compileRegex(definition.regex, field: "regex", options: anchored ? .anchored : [])
        let columnRegex = try definition.columnRegex.map { pattern throws(EngineError) in
            let compiled = try compileRegex(pattern, field: "column_regex")
            if probeBacktracking { try checkBacktracking(compiled, definition: definition, source: source) }
            return compiled
        }
        if probeBacktracking { try checkBacktracking(regex, definition: definition, source: source) }
        func group(_ name: String?, field: String) throws(EngineError) -> Int? {
            guard let name else { return nil }
            guard let number = regex.groupNumber(named: name) else {
                throw EngineError.pack(
                    PackError(
                        source: source, line: definition.line, ruleID: definition.id,
                        message: "`\(field): \(name)` names no group in the regex"))
            }
            return number
        }
        return CompiledDetector(
            definition: definition, regex: regex,
            valueGroup: try group(definition.valueGroup, field: "value_group"),
            weakGroup: try group(definition.weakGroup, field: "weak_group"),
            evidenceGroup: try group(definition.evidence?.group, field: "evidence.group"),
            columnRegex: columnRegex)
    }
}
