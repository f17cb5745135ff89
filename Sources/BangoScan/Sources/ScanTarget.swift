/// One thing to scan, as a source yields it: where it sits and how to get its bytes.
///
/// Every target goes through the same stages whatever its source: the loader hands out
/// its bytes, the classifier decides between container, binary and text, containers
/// yield more targets, and text is decoded, matched and reported.
public struct ScanTarget: Sendable {
    /// How the loader gets the bytes.
    public enum Content: Sendable {
        /// A file on disk, opened and read (or mapped) by the loader.
        case file(TargetPath)
        /// Bytes already in memory: an archive member, a git blob.
        case bytes([UInt8])
        /// Bytes read once from start to end: standard input, a FIFO named on the
        /// command line.
        case stream(StreamSource)
    }

    public var origin: TargetOrigin
    public var content: Content
    /// When set, only findings on these 1-based lines are reported (the lines a git
    /// change added); the whole text is still scanned, so keywords and column headers
    /// on unchanged lines still count.
    public var reportedLines: LineSet?

    public init(origin: TargetOrigin, content: Content, reportedLines: LineSet? = nil) {
        self.origin = origin
        self.content = content
        self.reportedLines = reportedLines
    }

    /// A file on disk, reported under its own path.
    public static func file(_ path: TargetPath) -> ScanTarget {
        ScanTarget(origin: TargetOrigin(path: path), content: .file(path))
    }
}

/// Where a stream's bytes come from.
public enum StreamSource: Sendable, Equatable {
    /// File descriptor 0.
    case standardInput
    /// A FIFO (or other stream) named on the command line, opened when scanned.
    case path(TargetPath)
}

/// A set of 1-based line numbers, as sorted, disjoint ranges.
public struct LineSet: Sendable, Equatable {
    public private(set) var ranges: [ClosedRange<Int>] = []

    public init(_ ranges: [ClosedRange<Int>] = []) {
        for range in ranges { insert(range) }
    }

    public var isEmpty: Bool { ranges.isEmpty }

    /// Adds `range`, merging it with ranges it touches.
    public mutating func insert(_ range: ClosedRange<Int>) {
        // Hunks arrive in order, so the common case extends or follows the last range.
        if let last = ranges.last, range.lowerBound >= last.lowerBound {
            if range.lowerBound <= last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
            return
        }
        var merged: [ClosedRange<Int>] = []
        for next in (ranges + [range]).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, next.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, next.upperBound)
            } else {
                merged.append(next)
            }
        }
        ranges = merged
    }

    public func contains(_ line: Int) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < line { low = middle + 1 } else { high = middle }
        }
        return low < ranges.count && ranges[low].contains(line)
    }
}
