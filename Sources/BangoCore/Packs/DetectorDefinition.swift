import Yams

/// One detector as a pack defines it, validated but not yet compiled.
public struct DetectorDefinition: Sendable {
    /// Lowercase, dotted by jurisdiction (`jp.my_number`).
    public let id: String
    public let name: String
    public let jurisdiction: String
    public let description: String
    /// What the prefilter must see before the regex is tried.
    public let trigger: Trigger
    /// A PCRE2 pattern (UTF mode); `(?x)` free-spacing is allowed.
    public let regex: String
    /// A named group holding the value to validate, mask and fingerprint; the whole
    /// match when absent (for example `value` excludes an invoice number's `T`).
    public let valueGroup: String?
    public let validator: Validator?
    /// A secondary check that raises confidence one level when it passes and changes
    /// nothing when it fails: for checks that are published but not authoritative (a
    /// driver's licence check digit) or that apply to a neighbouring value (the insurer
    /// number beside a health insurance card's symbol and number).
    public let evidence: Evidence?
    /// How the value is folded before validation, masking and fingerprinting.
    public let normalization: Normalization
    /// Corroborating words, matched as substrings (ASCII case-insensitively); those of
    /// three ASCII letters or digits or fewer only as whole words.
    public let keywords: [String]
    /// How far, in characters on either side of a match, a keyword still counts.
    public let keywordDistance: Int
    /// The level reported when a keyword is near; nil means "not reported".
    public let confidenceWithKeyword: Confidence?
    /// The level reported with no keyword near; nil means "not reported".
    public let confidenceWithoutKeyword: Confidence?
    public let examples: [DetectorExample]
    /// A named group that, when it takes part in a match, marks a weaker form (an
    /// unformatted SIN, a Stripe test key); such matches use `weakConfidence*`.
    public let weakGroup: String?
    public let weakConfidenceWithKeyword: Confidence?
    public let weakConfidenceWithoutKeyword: Confidence?
    /// Values published as documentation examples (AWS's `AKIAIOSFODNN7EXAMPLE`): found,
    /// but never reported above low.
    public let knownExamples: Set<String>
    /// For a literal-triggered detector: a regex for the value alone, tried on every
    /// cell of a table column whose header names the detector (by its keywords), where
    /// the words that trigger it elsewhere are in the header, not beside the value.
    public let columnRegex: String?
    /// A catch-all detector (a generic credential assignment) that gives way to any
    /// specific detector whose match overlaps its own.
    public let isGeneric: Bool
    /// Detectors whose matches overlapping this one's are the same secret seen less
    /// precisely (a service-account file's private key, an AWS key pair's generic
    /// assignment): they give way, so one secret is one finding.
    public let supersedes: [String]
    /// A value written as one run of digits that reads as a date and time
    /// (``TimestampShape``) is a stamp, not this identifier.
    public let rejectsTimestamps: Bool
    /// 1-based line in the pack where the detector is defined.
    public let line: Int?

    init(node: Node, reader: NodeReader) throws(PackError) {
        guard case .mapping = node else { throw reader.error(node, nil, "each detector must be a mapping") }
        let id = try reader.string(node, "id", rule: nil)
        guard Self.isValidID(id) else {
            throw reader.error(node["id"], id, "detector ids are lowercase words joined by dots, like `jp.my_number`")
        }
        self.id = id
        line = node.mark?.line
        name = try reader.string(node, "name", rule: id)
        jurisdiction = try reader.string(node, "jurisdiction", rule: id)
        description = try reader.optionalString(node, "description", rule: id) ?? ""
        regex = try reader.string(node, "regex", rule: id)
        valueGroup = try reader.optionalString(node, "value_group", rule: id)
        if let validatorName = try reader.optionalString(node, "validator", rule: id) {
            guard let validator = Validator(rawValue: validatorName) else {
                let known = Validator.allCases.map(\.rawValue).joined(separator: ", ")
                throw reader.error(node["validator"], id, "unknown validator `\(validatorName)` (known: \(known))")
            }
            self.validator = validator
        } else {
            validator = nil
        }
        if let evidenceNode = node["evidence"] {
            evidence = try Evidence(node: evidenceNode, reader: reader, rule: id)
        } else {
            evidence = nil
        }
        keywords = try reader.strings(node, "keywords", rule: id)
        keywordDistance = try reader.int(node, "keyword_distance", rule: id, range: 0...1000) ?? 300

        guard let triggerNode = node["trigger"] else { throw reader.error(node, id, "missing field `trigger`") }
        trigger = try Trigger(node: triggerNode, reader: reader, rule: id)
        normalization =
            try reader.optionalString(node, "normalize", rule: id).map { name throws(PackError) in
                guard let value = Normalization(rawValue: name) else {
                    throw reader.error(node["normalize"], id, "`normalize` must be alphanumeric or none")
                }
                return value
            } ?? .alphanumeric

        guard let confidenceNode = node["confidence"] else {
            throw reader.error(node, id, "missing field `confidence`")
        }
        confidenceWithKeyword = try reader.confidence(confidenceNode, "with_keyword", rule: id)
        confidenceWithoutKeyword = try reader.confidence(confidenceNode, "without_keyword", rule: id)
        if confidenceWithKeyword == nil && confidenceWithoutKeyword == nil {
            throw reader.error(
                confidenceNode, id, "`confidence` must report something: set `with_keyword` or `without_keyword`")
        }
        if confidenceWithoutKeyword != nil && confidenceWithKeyword == nil {
            throw reader.error(confidenceNode, id, "a keyword must not lower confidence: set `with_keyword` too")
        }
        if confidenceWithKeyword != nil, keywords.isEmpty, confidenceWithoutKeyword == nil {
            throw reader.error(node, id, "this detector needs a keyword to report but lists no `keywords`")
        }
        // A digit run with no check digit is as likely an order number or a log counter:
        // only its keyword (or its column's header) lifts it above low.
        if case .digits = trigger, validator == nil, let level = confidenceWithoutKeyword, level > .low {
            throw reader.error(
                confidenceNode, id,
                "a number without a `validator` needs its keyword to reach \(level.name): set `without_keyword` to low or none"
            )
        }

        weakGroup = try reader.optionalString(node, "weak_group", rule: id)
        if let weakNode = node["weak_confidence"] {
            guard weakGroup != nil else { throw reader.error(weakNode, id, "`weak_confidence` needs `weak_group`") }
            weakConfidenceWithKeyword = try reader.confidence(weakNode, "with_keyword", rule: id)
            weakConfidenceWithoutKeyword = try reader.confidence(weakNode, "without_keyword", rule: id)
        } else {
            guard weakGroup == nil else { throw reader.error(node, id, "`weak_group` needs `weak_confidence`") }
            weakConfidenceWithKeyword = nil
            weakConfidenceWithoutKeyword = nil
        }
        knownExamples = Set(try reader.strings(node, "known_examples", rule: id))
        columnRegex = try reader.optionalString(node, "column_regex", rule: id)
        if columnRegex != nil {
            guard case .literals = trigger else {
                throw reader.error(
                    node["column_regex"], id,
                    "`column_regex` is for detectors triggered by `literals`; a digit trigger already reads table columns"
                )
            }
            guard !keywords.isEmpty else {
                throw reader.error(
                    node["column_regex"], id, "`column_regex` needs `keywords`: they name the column in a header")
            }
        }
        isGeneric = try reader.bool(node, "generic", rule: id)
        supersedes = try reader.strings(node, "supersedes", rule: id)
        if supersedes.contains(id) { throw reader.error(node["supersedes"], id, "a detector cannot supersede itself") }
        rejectsTimestamps = try reader.bool(node, "rejects_timestamps", rule: id)

        var examples: [DetectorExample] = []
        if let exampleNodes = node["examples"] {
            guard case .sequence(let sequence) = exampleNodes else {
                throw reader.error(exampleNodes, id, "`examples` must be a list")
            }
            for exampleNode in sequence {
                let text = try reader.string(exampleNode, "text", rule: id)
                let expectText = try reader.string(exampleNode, "expect", rule: id)
                let expected: Confidence?
                if expectText == "none" {
                    expected = nil
                } else if let level = Confidence(name: expectText) {
                    expected = level
                } else {
                    throw reader.error(exampleNode["expect"], id, "`expect` must be high, medium, low or none")
                }
                let isTable = try reader.bool(exampleNode, "table", rule: id)
                examples.append(
                    DetectorExample(text: text, expected: expected, line: exampleNode.mark?.line, isTable: isTable))
            }
        }
        guard examples.contains(where: { $0.expected != nil }), examples.contains(where: { $0.expected == nil }) else {
            throw reader.error(
                node, id, "a detector needs at least one positive and one negative (`expect: none`) example")
        }
        self.examples = examples
    }

    static func isValidID(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty
            && parts.allSatisfy { part in
                !part.isEmpty
                    && part.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
            }
    }
}

/// What the prefilter looks for before a detector's regex runs. A trigger may admit
/// windows that do not match (false positives) but must never miss one that does.
public enum Trigger: Sendable, Equatable {
    /// A run of at least `minimum` digits (ASCII or full-width), where consecutive
    /// digits may be separated by one separator character. The regex window starts
    /// `lookbehind` characters before the run (for prefixes such as `T` or `DE89`).
    ///
    /// `runs`, when not zero, is a bit set of digit-run lengths (bit n: n digits) of
    /// which a cluster must hold at least one: a regex whose digits come in a bounded run
    /// of exactly 8 cannot match a cluster whose runs are all shorter or longer.
    ///
    /// `shapes`, when not empty, lists run-length sequences (`[2, 3, 3]` for
    /// `12.345.678`) of which a cluster must contain one: a DNI shape never matches a
    /// phone number's (3, 4, 4) or a date's (4, 2, 2).
    ///
    /// `afterLetter`: the regex only matches digits that follow a Latin letter (an IBAN's
    /// country code, a passport's two letters), so a cluster is tried only when a letter
    /// (ASCII or full-width) comes right before it, or before one space or hyphen before it.
    case digits(minimum: Int, lookbehind: Int, runs: UInt64, shapes: [[UInt8]], afterLetter: Bool)
    /// One of `literals` (bytes; ASCII case-insensitive when asked). The regex window
    /// runs from `lookbehind` characters before the literal to `window` bytes after it.
    case literals([String], caseInsensitive: Bool, lookbehind: Int, window: Int)

    init(node: Node, reader: NodeReader, rule: String) throws(PackError) {
        let lookbehind = try reader.int(node, "lookbehind", rule: rule, range: 0...256)
        if let minimum = try reader.int(node, "min_digits", rule: rule, range: 1...64) {
            var runs: UInt64 = 0
            if let runNode = node["runs"] {
                guard case .sequence(let items) = runNode, !items.isEmpty else {
                    throw reader.error(runNode, rule, "`runs` must be a list of digit-run lengths (1...63)")
                }
                for item in items {
                    guard let length = item.int, (1...63).contains(length) else {
                        throw reader.error(item, rule, "`runs` must be a list of digit-run lengths (1...63)")
                    }
                    runs |= UInt64(1) << UInt64(length)
                }
            }
            var shapes: [[UInt8]] = []
            for text in try reader.strings(node, "shapes", rule: rule) {
                let lengths = text.split(whereSeparator: { !$0.isNumber }).compactMap { UInt8($0) }
                guard !lengths.isEmpty, lengths.count <= 8, lengths.allSatisfy({ $0 >= 1 }),
                    lengths.map(Int.init).reduce(0, +) >= minimum || lengths.count == 1
                else {
                    throw reader.error(
                        node["shapes"], rule,
                        "each entry of `shapes` is up to 8 digit-run lengths such as \"4-6\" or \"2.3.3\", not `\(text)`"
                    )
                }
                shapes.append(lengths)
            }
            let afterLetter = try reader.bool(node, "after_letter", rule: rule)
            self = .digits(
                minimum: minimum, lookbehind: lookbehind ?? 2, runs: runs, shapes: shapes, afterLetter: afterLetter)
            return
        }
        let literals = try reader.strings(node, "literals", rule: rule)
        guard !literals.isEmpty else {
            throw reader.error(
                node, rule, "`trigger` needs `min_digits` (the fewest digits a match holds) or `literals`")
        }
        if let short = literals.first(where: { $0.utf8.count < 2 && $0 != "@" }) {
            throw reader.error(
                node, rule, "trigger literal `\(short)` is too short to be selective (use 2 bytes or more)")
        }
        let caseInsensitive = try reader.bool(node, "case_insensitive", rule: rule)
        let window = try reader.int(node, "window", rule: rule, range: 8...65536) ?? 256
        self = .literals(literals, caseInsensitive: caseInsensitive, lookbehind: lookbehind ?? 0, window: window)
    }
}

/// Supporting evidence: a validator run on the value (or on another named group of the
/// match) whose success raises the finding one confidence level.
public struct Evidence: Sendable {
    public let validator: Validator
    /// The named group to check; the detector's value when nil. A group that did not
    /// take part in the match gives no evidence.
    public let group: String?

    init(node: Node, reader: NodeReader, rule: String) throws(PackError) {
        guard case .mapping = node else {
            throw reader.error(node, rule, "`evidence` must be a mapping with `validator` and optionally `group`")
        }
        let name = try reader.string(node, "validator", rule: rule)
        guard let validator = Validator(rawValue: name) else {
            let known = Validator.allCases.map(\.rawValue).joined(separator: ", ")
            throw reader.error(node["validator"], rule, "unknown evidence validator `\(name)` (known: \(known))")
        }
        self.validator = validator
        group = try reader.optionalString(node, "group", rule: rule)
    }
}

/// How a matched value is folded before it is validated, masked and fingerprinted.
public enum Normalization: String, Sendable {
    /// ASCII letters (upper-cased) and digits only, full-width folded: identifiers.
    case alphanumeric
    /// The bytes as matched: secrets, where case and punctuation matter.
    case none
}

/// A pack's own example: a text and the confidence bango must report for it (nil: no
/// finding at all).
public struct DetectorExample: Sendable {
    public let text: String
    public let expected: Confidence?
    public let line: Int?
    /// The text is a small CSV/TSV file (first line the header): for `column_regex`.
    public let isTable: Bool
}
