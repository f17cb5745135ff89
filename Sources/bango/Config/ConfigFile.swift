import BangoCore
import Foundation
import Yams

/// `.bango.yaml`: the scan options a project keeps beside its code, so that every
/// developer's hook and the CI job scan alike. Every key is optional; the command
/// line's flags win over single values and add to lists (as ripgrep's config file
/// does). Paths of packs and the baseline are relative to the file's folder.
struct ConfigFile {
    /// The keys, in the order `bango init` documents them.
    static let keys = [
        "min-confidence", "fail-on", "include", "exclude", "only", "skip", "patterns", "baseline", "allow-paths",
        "store",
    ]

    /// The file as found (for messages).
    let path: String
    var minConfidence: Confidence?
    /// `fail-on`; `.some(nil)` is `never`.
    var failOn: Confidence??
    var includes: [String] = []
    var excludes: [String] = []
    var only: [String] = []
    var skip: [String] = []
    /// Pack files or folders, made absolute against the file's folder.
    var patterns: [String] = []
    /// The baseline file, made absolute against the file's folder.
    var baseline: String?
    /// Globs of files whose findings are accepted (counted, not reported).
    var allowPaths: [String] = []
    /// The audit store every scan records into, made absolute against the file's folder.
    var store: String?
    /// The line each key's value starts on, for messages about values checked later
    /// (detector ids are known only once the packs are loaded).
    var lines: [String: Int] = [:]

    /// Reads and checks the file at `path`.
    init(contentsOf path: String) throws(ConfigError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ConfigError(path: path, line: nil, message: "cannot read: \(Self.reason(error))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: path, line: nil, message: "not UTF-8 text")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try self.init(yaml: text, path: path, folder: folder)
    }

    /// Parses `yaml`; relative paths in it are taken against `folder`.
    init(yaml: String, path: String, folder: String) throws(ConfigError) {
        self.path = path
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let YamlError.scanner(_, problem, mark, _) {
            throw ConfigError(path: path, line: mark.line, message: "YAML syntax: \(problem)")
        } catch let YamlError.parser(_, problem, mark, _) {
            throw ConfigError(path: path, line: mark.line, message: "YAML syntax: \(problem)")
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            let key = duplicates.sorted().first ?? ""
            throw ConfigError(
                path: path, line: Self.secondLine(of: key, in: yaml) ?? context.mark.line,
                message: "`\(key)` is given twice")
        } catch {
            throw ConfigError(path: path, line: nil, message: "YAML syntax: \(error)")
        }
        // A file of comments only (as `bango init` writes it, before any edit) is empty.
        guard let root else { return }
        guard case .mapping(let mapping) = root else {
            throw ConfigError(path: path, line: root.mark?.line, message: "the top level must be a mapping of options")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let read = ValueReader(path: path, key: key)
            lines[key] = value.mark?.line ?? keyNode.mark?.line
            switch key {
            case "min-confidence":
                let name = try read.scalar(value)
                guard let level = Confidence(name: name) else {
                    throw read.error(value, "`min-confidence` must be low, medium or high, not `\(name)`")
                }
                minConfidence = level
            case "fail-on":
                let name = try read.scalar(value)
                if name == "never" {
                    failOn = .some(nil)
                } else if let level = Confidence(name: name) {
                    failOn = level
                } else {
                    throw read.error(value, "`fail-on` must be low, medium, high or never, not `\(name)`")
                }
            case "include": includes = try read.list(value)
            case "exclude": excludes = try read.list(value)
            case "only": only = try read.idList(value)
            case "skip": skip = try read.idList(value)
            case "patterns": patterns = try read.list(value).map { Self.absolute($0, in: folder) }
            case "baseline": baseline = Self.absolute(try read.scalar(value), in: folder)
            case "allow-paths": allowPaths = try read.list(value)
            case "store": store = Self.absolute(try read.scalar(value), in: folder)
            default:
                throw ConfigError(
                    path: path, line: keyNode.mark?.line,
                    message: "unknown key `\(key)` (known: \(Self.keys.joined(separator: ", ")))")
            }
        }
    }

    /// The line where top-level `key:` appears the second time (Yams says only where
    /// the mapping starts).
    private static func secondLine(of key: String, in yaml: String) -> Int? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        let hits = lines.filter { $0.element.hasPrefix(key + ":") }.map { $0.offset + 1 }
        return hits.count > 1 ? hits[1] : nil
    }

    static func absolute(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: folder).appendingPathComponent(path).standardized.path
    }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(code)))
        }
        return error.localizedDescription
    }
}

/// A problem in a config file, located as precisely as YAML allows.
struct ConfigError: Error, CustomStringConvertible {
    let path: String
    /// 1-based line, when known.
    let line: Int?
    let message: String

    var description: String { path + (line.map { ":\($0)" } ?? "") + ": " + message }
}

/// Reads one key's value, turning every mistake into a ``ConfigError`` at the value.
private struct ValueReader {
    let path: String
    let key: String

    func error(_ node: Node, _ message: String) -> ConfigError {
        ConfigError(path: path, line: node.mark?.line, message: message)
    }

    /// A non-empty string.
    func scalar(_ node: Node) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw error(node, "`\(key)` must be a single value")
        }
        return scalar.string
    }

    /// A list of non-empty strings; one string alone is a list of one.
    func list(_ node: Node) throws(ConfigError) -> [String] {
        switch node {
        case .scalar: return [try scalar(node)]
        case .sequence(let sequence):
            var items: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item, !scalar.string.isEmpty else {
                    throw error(item, "every item of `\(key)` must be a non-empty string")
                }
                items.append(scalar.string)
            }
            return items
        case .mapping, .alias: throw error(node, "`\(key)` must be a list of strings")
        }
    }

    /// Detector ids or jurisdictions: a list, or one comma-separated string as on the
    /// command line.
    func idList(_ node: Node) throws(ConfigError) -> [String] {
        try list(node).flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
