import PCRE2

/// A detector ready to run: its definition plus the compiled, JIT-compiled pattern.
///
/// A class, so the hot path passes one reference instead of copying a definition full
/// of strings and arrays (which showed up as retain/release traffic in profiles).
public final class CompiledDetector: Sendable {
    public let definition: DetectorDefinition
    public let id: String
    let regex: Regex
    let valueGroup: Int?
    let weakGroup: Int?
    /// The group `evidence.group` names, when it names one.
    let evidenceGroup: Int?
    /// For literal triggers: characters before the literal and bytes after it that the
    /// regex window spans.
    let literalLookbehind: Int
    let literalWindow: Int
    /// Whether a keyword can change the level, so keywords need to be looked for.
    let keywordsMatter: Bool
    /// The compiled `column_regex`, and its value group when `value_group` names one.
    let columnRegex: Regex?
    let columnValueGroup: Int?

    init(
        definition: DetectorDefinition, regex: Regex, valueGroup: Int?, weakGroup: Int?, evidenceGroup: Int?,
        columnRegex: Regex? = nil
    ) {
        self.definition = definition
        id = definition.id
        self.regex = regex
        self.valueGroup = valueGroup
        self.weakGroup = weakGroup
        self.evidenceGroup = evidenceGroup
        if case .literals(_, _, let lookbehind, let window) = definition.trigger {
            literalLookbehind = lookbehind
            literalWindow = window
        } else {
            literalLookbehind = 0
            literalWindow = 0
        }
        keywordsMatter =
            definition.confidenceWithKeyword != definition.confidenceWithoutKeyword
            || definition.weakConfidenceWithKeyword != definition.weakConfidenceWithoutKeyword
        self.columnRegex = columnRegex
        columnValueGroup = definition.valueGroup.flatMap { columnRegex?.groupNumber(named: $0) }
    }
}
