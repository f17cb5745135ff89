import BangoCore
import Foundation

/// Reads one shard's manifest as ``RunSummary/json(sweep:)`` writes it: the header's
/// totals at once, then the target entries one line at a time.
final class ManifestReader {
    struct Header {
        var findings: [Confidence: Int] = [:]
        var suppression: SuppressingSink.Counts?
        var seconds = 0.0
        /// The shard was stopped by a signal before every target was scanned.
        var interrupted = false
    }

    let path: String
    private let lines: LineReader
    private(set) var header = Header()
    private var ended = false

    init(path: String) throws(MergeError) {
        self.path = path
        lines = try LineReader(path: path)
        var text = ""
        while true {
            guard let line = try lines.next() else {
                throw .malformed(path: path, detail: "it ends before its targets")
            }
            if line.elementsEqual("  \"targets\": [".utf8) { break }
            text += String(decoding: line, as: UTF8.self) + "\n"
        }
        guard let object = Self.parse(Array((text + "\"targets\": []}").utf8)) else {
            throw .malformed(path: path, detail: "its totals do not parse")
        }
        if let levels = object["findings"] as? [String: Any] {
            for level in Confidence.allCases { header.findings[level] = (levels[level.name] as? NSNumber)?.intValue }
        }
        if let counts = object["suppressed"] as? [String: Any] {
            func value(_ key: String) -> Int { (counts[key] as? NSNumber)?.intValue ?? 0 }
            var suppression = SuppressingSink.Counts()
            suppression.allowed = value("allowed")
            suppression.baselined = value("baseline")
            suppression.staleBaselineEntries = value("stale_baseline_entries")
            suppression.ignoredAllowMarks = value("ignored_allow_marks")
            suppression.allowedByPath = value("allow_paths")
            header.suppression = suppression
        }
        header.seconds = (object["seconds"] as? NSNumber)?.doubleValue ?? 0
        header.interrupted = object["interrupted"] as? Bool ?? false
    }

    /// The next target entry; nil after the last.
    func nextEntry() throws(MergeError) -> ManifestEntry? {
        guard !ended else { return nil }
        guard var line = try lines.next() else { throw .malformed(path: path, detail: "it ends inside its targets") }
        if line.elementsEqual("  ]".utf8) {
            ended = true
            return nil
        }
        while line.first == UInt8(ascii: " ") { line = line.dropFirst() }
        if line.last == UInt8(ascii: ",") { line = line.dropLast() }
        guard let object = Self.parse(Array(line)), let entry = Self.entry(object) else {
            throw .malformed(path: path, detail: "a target line does not parse")
        }
        return entry
    }

    static func parse(_ bytes: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    static func entry(_ object: [String: Any]) -> ManifestEntry? {
        guard let path = object["path"] as? String, let kind = object["kind"] as? String,
            let status = (object["status"] as? String).flatMap(TargetStatus.init(rawValue:))
        else { return nil }
        func number(_ key: String) -> Int? { (object[key] as? NSNumber)?.intValue }
        var part: FilePart?
        if let partObject = object["part"] as? [String: Any], let size = (partObject["of"] as? NSNumber)?.intValue,
            let pairs = partObject["ranges"] as? [[NSNumber]]
        {
            let ranges = pairs.compactMap { pair -> (Range<Int>, FilePart.Lines)? in
                guard pair.count == 4, pair[0].intValue <= pair[1].intValue else { return nil }
                return (
                    pair[0].intValue..<pair[1].intValue,
                    FilePart.Lines(newlines: pair[2].intValue, tail: pair[3].intValue)
                )
            }
            guard ranges.count == pairs.count else { return nil }
            part = FilePart(ranges: ranges.map(\.0), fileSize: size, lines: ranges.map(\.1))
        }
        return ManifestEntry(
            path: path, kind: kind, status: status, reason: (object["reason"] as? String).flatMap(TargetReason.init),
            detail: object["detail"] as? String, bytes: number("bytes"), findings: number("findings"),
            encoding: object["encoding"] as? String, member: object["member"] as? String, part: part)
    }
}
