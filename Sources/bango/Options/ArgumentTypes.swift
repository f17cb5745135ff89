import ArgumentParser
import BangoCore
import BangoReport
import BangoScan

enum OutputFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl, csv, sarif, junit
}

enum SortOrder: String, ExpressibleByArgument, CaseIterable {
    case none, path
}

struct ConfidenceArgument: ExpressibleByArgument {
    let level: Confidence
    init(_ level: Confidence) { self.level = level }
    init?(argument: String) {
        guard let level = Confidence(name: argument) else { return nil }
        self.level = level
    }
    static var allValueStrings: [String] { ["low", "medium", "high"] }
    var defaultValueDescription: String { level.name }
}

/// `--fail-on`: a confidence level, or `never`.
struct FailThreshold: ExpressibleByArgument {
    let level: Confidence?
    init(_ level: Confidence?) { self.level = level }
    init?(argument: String) {
        if argument == "never" {
            level = nil
        } else if let level = Confidence(name: argument) {
            self.level = level
        } else {
            return nil
        }
    }
    static var allValueStrings: [String] { ["low", "medium", "high", "never"] }
    var defaultValueDescription: String { level?.name ?? "never" }
}

/// A size such as `512`, `64K`, `50M` or `2G` (powers of 1024).
struct ByteSize: ExpressibleByArgument {
    let bytes: Int
    init?(argument: String) {
        guard let bytes = Self.parse(argument) else { return nil }
        self.bytes = bytes
    }

    static func parse(_ text: String) -> Int? {
        var digits = text.uppercased()
        var multiplier = 1
        if digits.hasSuffix("B") { digits.removeLast() }
        switch digits.last {
        case "K": multiplier = 1 << 10
        case "M": multiplier = 1 << 20
        case "G": multiplier = 1 << 30
        case "T": multiplier = 1 << 40
        default: break
        }
        if multiplier > 1 { digits.removeLast() }
        guard let value = Int(digits), value >= 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}

/// `--mmap-threshold`: a size, or `never`.
struct MapThreshold: ExpressibleByArgument {
    let bytes: Int
    init?(argument: String) {
        if argument == "never" {
            bytes = Int.max
        } else if let bytes = ByteSize.parse(argument) {
            self.bytes = bytes
        } else {
            return nil
        }
    }
}

/// `--encoding`: `auto` (detect per file) or a ``TextEncoding`` name or alias.
struct EncodingArgument: ExpressibleByArgument {
    let forced: TextEncoding?
    static let auto = EncodingArgument(forced: nil)
    private init(forced: TextEncoding?) { self.forced = forced }
    init?(argument: String) {
        if argument.lowercased() == "auto" {
            forced = nil
        } else if let encoding = TextEncoding(name: argument) {
            forced = encoding
        } else {
            return nil
        }
    }
    static var allValueStrings: [String] { ["auto"] + TextEncoding.allCases.map(\.rawValue) }
    var defaultValueDescription: String { forced?.rawValue ?? "auto" }
}
