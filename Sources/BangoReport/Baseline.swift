import BangoCore
import Foundation

/// Accepted findings, keyed by detector, place and fingerprint, never by line: moving a
/// line or editing around it does not bring an accepted finding back.
///
/// The file (`--write-baseline`) is JSON holding each finding's detector, path, member,
/// fingerprint and masked value, never its raw value. A fingerprint is keyed: a baseline
/// matches only scans that use the same fingerprint key.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Codable, Hashable, Sendable {
        public var detector: String
        public var path: String
        public var member: String?
        public var fingerprint: String
        public var masked: String

        public init(_ finding: Finding) {
            detector = finding.detector
            path = finding.path
            member = finding.member
            fingerprint = finding.fingerprint.description
            masked = finding.masked
        }
    }

    /// What makes two findings the same accepted finding. The fingerprint is kept as its
    /// 32 bytes, so that looking a finding up makes no hex string.
    struct Key: Hashable, Sendable {
        var detector: String
        var path: String
        var member: String?
        var fingerprint: Fingerprint

        init(_ finding: Finding) {
            detector = finding.detector
            path = finding.path
            member = finding.member
            fingerprint = finding.fingerprint
        }

        /// Nil when the entry's fingerprint is not 64 hex digits.
        init?(_ entry: Entry) {
            guard let fingerprint = Fingerprint(hex: entry.fingerprint) else { return nil }
            detector = entry.detector
            path = entry.path
            member = entry.member
            self.fingerprint = fingerprint
        }
    }

    private struct File: Codable {
        var version: Int
        var tool: String
        var findings: [Entry]
    }

    static let version = 1

    /// Entries sorted by path, member, detector and fingerprint, one per key.
    public private(set) var entries: [Entry]
    /// The entries' keys, for lookups.
    let keys: Set<Key>

    /// Entries whose fingerprint is not valid hex are left out (`load` refuses them).
    public init(entries: [Entry]) {
        var seen = Set<Key>()
        self.entries = entries.filter { Key($0).map { seen.insert($0).inserted } ?? false }.sorted {
            ($0.path, $0.member ?? "", $0.detector, $0.fingerprint) < (
                $1.path, $1.member ?? "", $1.detector, $1.fingerprint
            )
        }
        keys = seen
    }

    /// Reads a baseline file; errors name the file and what is wrong with it.
    public static func load(path: String) throws(BaselineError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw .malformed(path: path, reason: Self.reason(error))
        }
        guard file.version == version else {
            throw .malformed(path: path, reason: "version \(file.version); this bango reads version \(version)")
        }
        for entry in file.findings where Key(entry) == nil {
            throw .malformed(path: path, reason: "an entry for \(entry.path) has no valid fingerprint")
        }
        return Baseline(entries: file.findings)
    }

    /// The file's bytes: stable, pretty-printed JSON, so that a baseline diffs well in review.
    public var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(File(version: Self.version, tool: "bango", findings: entries))) ?? Data()
        return Array(data) + [0x0A]
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing \"\(key.stringValue)\"" + location(context)
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type" + location(context)
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not JSON" : "bad value" + location(context)
        default:
            "not a bango baseline"
        }
    }

    private static func location(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "" : " at \(path)"
    }
}

/// Why a baseline file could not be used.
public enum BaselineError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read baseline \(path)"
        case .malformed(let path, let reason): "baseline \(path) is not usable: \(reason)"
        }
    }
}
