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
            Self.append(range, mergingInto: &ranges)
            return
        }
        var merged: [ClosedRange<Int>] = []
        for next in (ranges + [range]).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            Self.append(next, mergingInto: &merged)
        }
        ranges = merged
    }

    /// Appends `range` to ranges sorted by start, none starting after it, merging it into
    /// the last one when they overlap or touch.
    private static func append(_ range: ClosedRange<Int>, mergingInto ranges: inout [ClosedRange<Int>]) {
        if let last = ranges.last, range.lowerBound <= last.upperBound + 1 {
            ranges[ranges.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
        } else {
            ranges.append(range)
        }
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
