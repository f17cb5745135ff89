/// Finds every occurrence of many keywords in one pass (Aho-Corasick, as a dense DFA
/// over bytes).
///
/// Keywords are matched as byte substrings, which is what Japanese needs (it has no
/// word boundaries), and ASCII letters match case-insensitively. Each keyword carries
/// the set of detectors it corroborates as a bit mask, so one pass serves every
/// detector at once.
public struct KeywordAutomaton: Sendable {
    /// A keyword occurrence: its byte range in the searched buffer and the detectors
    /// (bit i = detector i) it supports.
    public struct Hit: Sendable, Equatable {
        public var range: Range<Int>
        public var detectors: UInt64
    }

    // Dense transition table: `transitions[state << 8 | byte]`.
    private let transitions: [Int32]
    // For each state, the (length, detector mask) of every keyword ending there,
    // including those reached through failure links.
    private let outputs: [[(length: Int, detectors: UInt64)]]
    // 1 where `outputs[state]` is not empty: a flat table, so the byte loop touches no
    // nested array (and so does no reference counting) unless a keyword ends.
    private let hasOutput: [UInt8]
    /// The longest keyword in bytes; callers widen search windows by this much.
    public let longestKeyword: Int
    public var isEmpty: Bool { outputs.count <= 1 && longestKeyword == 0 }

    /// Builds the automaton from `(keyword, detector index)` pairs. Detector indices must
    /// be below 64.
    public init(keywords: [(keyword: String, detector: Int)]) {
        var goto: [[Int32]] = [Array(repeating: -1, count: 256)]
        var stateOutputs: [[(length: Int, detectors: UInt64)]] = [[]]
        var longest = 0
        for (keyword, detector) in keywords {
            let bytes = keyword.utf8.map(Self.fold)
            guard !bytes.isEmpty else { continue }
            longest = max(longest, bytes.count)
            var state = 0
            for byte in bytes {
                let next = goto[state][Int(byte)]
                if next >= 0 {
                    state = Int(next)
                } else {
                    goto.append(Array(repeating: -1, count: 256))
                    stateOutputs.append([])
                    goto[state][Int(byte)] = Int32(goto.count - 1)
                    state = goto.count - 1
                }
            }
            let bit = UInt64(1) << UInt64(detector)
            if let existing = stateOutputs[state].firstIndex(where: { $0.length == bytes.count }) {
                stateOutputs[state][existing].detectors |= bit
            } else {
                stateOutputs[state].append((bytes.count, bit))
            }
        }

        // Breadth-first construction of failure links, folded into a dense table.
        var failure = Array(repeating: 0, count: goto.count)
        var table = Array(repeating: Int32(0), count: goto.count * 256)
        var queue: [Int] = []
        for byte in 0..<256 {
            let next = goto[0][byte]
            if next >= 0 {
                table[byte] = next
                failure[Int(next)] = 0
                queue.append(Int(next))
            } else {
                table[byte] = 0
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            stateOutputs[state] += stateOutputs[failure[state]]
            for byte in 0..<256 {
                let next = goto[state][byte]
                if next >= 0 {
                    failure[Int(next)] = Int(table[failure[state] << 8 | byte])
                    table[state << 8 | byte] = next
                    queue.append(Int(next))
                } else {
                    table[state << 8 | byte] = table[failure[state] << 8 | byte]
                }
            }
        }
        transitions = table
        outputs = stateOutputs
        hasOutput = stateOutputs.map { $0.isEmpty ? 0 : 1 }
        longestKeyword = longest
    }

    /// Appends every keyword occurrence that ends inside `buffer[range]` and starts at or
    /// after `range.lowerBound` to `hits`, in order of their end position.
    public func search(_ buffer: UnsafeRawBufferPointer, in range: Range<Int>, into hits: inout [Hit]) {
        guard longestKeyword > 0 else { return }
        guard let base = buffer.baseAddress, range.upperBound <= buffer.count else { return }
        // SAFETY: indices stay inside `range`, checked against buffer.count above.
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        transitions.withUnsafeBufferPointer { table in
            hasOutput.withUnsafeBufferPointer { flags in
                var state = 0
                for index in range {
                    state = Int(table[state << 8 | Int(Self.fold(bytes[index]))])
                    if flags[state] != 0 {
                        for (length, detectors) in outputs[state] {
                            hits.append(Hit(range: (index + 1 - length)..<(index + 1), detectors: detectors))
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
