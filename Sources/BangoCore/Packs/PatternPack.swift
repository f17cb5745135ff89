import Yams

/// A pattern pack: detectors defined as data, as written in `Patterns/*.yaml` or a
/// user's own file. The format is documented in `Patterns/README.md`.
public struct PatternPack: Sendable {
    /// Where the pack came from (a file path or `builtin:NAME`), for error messages.
    public let source: String
    public let name: String
    public let detectors: [DetectorDefinition]
    /// Built into the binary. Its regexes are probed for catastrophic backtracking by
    /// the test suite, so scans need not probe them again at every start; a user's pack
    /// is probed when it is loaded.
    public let isBuiltin: Bool

    /// Parses and validates a pack. Every problem is reported with the source, line and
    /// rule id so the author can fix it; nothing here crashes on bad input.
    public init(yaml: String, source: String) throws(PackError) {
        try self.init(yaml: yaml, source: source, isBuiltin: false)
    }

    init(yaml: String, source: String, isBuiltin: Bool) throws(PackError) {
        self.source = source
        self.isBuiltin = isBuiltin
        let root: Node
        do {
            // The basic resolver tags every plain scalar as a string instead of matching
            // each against regular expressions for booleans, numbers, dates and nulls;
            // node lookups compare tags, so the default resolver ran those expressions
            // for every key of every lookup: most of a scan's start-up time. The reader
            // below says which fields are booleans or numbers.
            guard let node = try Yams.compose(yaml: yaml, .basic) else {
                throw PackError(source: source, line: nil, ruleID: nil, message: "the pack is empty")
            }
            root = node
        } catch let error as PackError {
            throw error
        } catch let YamlError.scanner(_, problem, mark, _) {
            throw PackError(source: source, line: mark.line, ruleID: nil, message: "YAML syntax: \(problem)")
        } catch let YamlError.parser(_, problem, mark, _) {
            throw PackError(source: source, line: mark.line, ruleID: nil, message: "YAML syntax: \(problem)")
        } catch {
            throw PackError(source: source, line: nil, ruleID: nil, message: "YAML syntax: \(error)")
        }
        let reader = NodeReader(source: source)
        guard case .mapping = root else {
            throw reader.error(root, nil, "the top level must be a mapping with `pack` and `detectors`")
        }
        name = try reader.string(root, "pack", rule: nil)
        guard let detectorNodes = root["detectors"], case .sequence(let sequence) = detectorNodes else {
            throw reader.error(root, nil, "missing `detectors` (a list)")
        }
        var detectors: [DetectorDefinition] = []
        var seen: [String: Int] = [:]
        for node in sequence {
            let detector = try DetectorDefinition(node: node, reader: reader)
            if let firstLine = seen[detector.id] {
                throw reader.error(node, detector.id, "duplicate detector id (first defined at line \(firstLine))")
            }
            seen[detector.id] = detector.line
            detectors.append(detector)
        }
        self.detectors = detectors
    }
}

/// A problem in a pattern pack, located as precisely as the pack allows.
public struct PackError: Error, Equatable, CustomStringConvertible, Sendable {
    public let source: String
    /// 1-based line in the pack file, when known.
    public let line: Int?
    /// The detector id the problem belongs to, when known.
    public let ruleID: String?
    public let message: String

    public init(source: String, line: Int?, ruleID: String?, message: String) {
        self.source = source
        self.line = line
        self.ruleID = ruleID
        self.message = message
    }

    public var description: String {
        var location = source
        if let line { location += ":\(line)" }
        if let ruleID { location += " [\(ruleID)]" }
        return "\(location): \(message)"
    }
}

/// Reads typed fields out of YAML nodes, turning every mistake into a ``PackError``.
struct NodeReader {
    let source: String

    func error(_ node: Node?, _ rule: String?, _ message: String) -> PackError {
        PackError(source: source, line: node?.mark?.line, ruleID: rule, message: message)
    }

    func string(_ node: Node, _ key: String, rule: String?) throws(PackError) -> String {
        guard let value = node[key] else { throw error(node, rule, "missing field `\(key)`") }
        guard case .scalar(let scalar) = value, !scalar.string.isEmpty else {
            throw error(value, rule, "`\(key)` must be a non-empty string")
        }
        return scalar.string
    }

    func optionalString(_ node: Node, _ key: String, rule: String?) throws(PackError) -> String? {
        guard node[key] != nil else { return nil }
        return try string(node, key, rule: rule)
    }

    /// `key` as true or false; `absent` when the field is not there.
    func bool(_ node: Node, _ key: String, rule: String?, absent: Bool = false) throws(PackError) -> Bool {
        guard let value = node[key] else { return absent }
        guard let bool = Self.boolean(value) else { throw error(value, rule, "`\(key)` must be true or false") }
        return bool
    }

    /// A plain (unquoted) scalar YAML 1.1 reads as a boolean: the spellings Yams'
    /// default resolver accepts.
    static func boolean(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
        switch scalar.string {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    func int(_ node: Node, _ key: String, rule: String?, range: ClosedRange<Int>) throws(PackError) -> Int? {
        guard let value = node[key] else { return nil }
        guard let int = value.int, range.contains(int) else {
            throw error(value, rule, "`\(key)` must be a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return int
    }

    func strings(_ node: Node, _ key: String, rule: String?) throws(PackError) -> [String] {
        guard let value = node[key] else { return [] }
        guard case .sequence(let sequence) = value else { throw error(value, rule, "`\(key)` must be a list") }
        var result: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item, !scalar.string.isEmpty else {
                throw error(item, rule, "every entry of `\(key)` must be a non-empty string")
            }
            result.append(scalar.string)
        }
        return result
    }

    func confidence(_ node: Node, _ key: String, rule: String) throws(PackError) -> Confidence? {
        guard let value = node[key] else { return nil }
        guard let text = value.string else { throw error(value, rule, "`\(key)` must be high, medium, low or none") }
        if text == "none" { return nil }
        guard let level = Confidence(name: text) else {
            throw error(value, rule, "`\(key)` must be high, medium, low or none, not `\(text)`")
        }
        return level
    }
}
