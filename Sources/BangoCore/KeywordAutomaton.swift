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

    // Bytes that occur in no keyword all behave alike, so the table is indexed by byte
    // class rather than byte: `transitions[state * classCount + classes[byte]]`. That
    // shrinks it several times over, which keeps it in cache during the byte loop.
    private let classes: [UInt8]
    private let classCount: Int
    private let transitions: [UInt16]
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
        // Alphabet compression: class 0 for every byte no keyword uses.
        var classOf = [UInt8](repeating: 0, count: 256)
        var used = Set<UInt8>()
        for (keyword, _) in keywords { used.formUnion(keyword.utf8.map(Self.fold)) }
        var nextClass = 1
        for byte in 0..<256 where used.contains(UInt8(byte)) && nextClass < 256 {
            classOf[byte] = UInt8(nextClass)
            nextClass += 1
        }
        // More than 255 distinct bytes, or more states than UInt16 holds, would not fit;
        // keyword lists are far smaller, but fall back to no keywords rather than trap.
        let fits = used.count < 256 && goto.count < Int(UInt16.max)
        let count = fits ? nextClass : 1
        var compact = [UInt16](repeating: 0, count: fits ? goto.count * count : 1)
        if fits {
            let representative = (0..<256).reduce(into: [Int](repeating: 0, count: count)) { result, byte in
                if classOf[byte] != 0 || used.isEmpty { result[Int(classOf[byte])] = byte }
            }
            // Class 0's representative: any byte no keyword uses.
            let unused = (0..<256).first { !used.contains(UInt8($0)) } ?? 0
            for state in 0..<goto.count {
                for klass in 0..<count {
                    let byte = klass == 0 ? unused : representative[klass]
                    compact[state * count + klass] = UInt16(table[state << 8 | byte])
                }
            }
        }
        // Case folding folded into the class table: an upper-case ASCII letter is in its
        // lower-case letter's class, so the byte loop does one lookup per byte, not two.
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(byte)] = classOf[Int(byte | 0x20)] }
        classes = classOf
        classCount = count
        transitions = compact
        outputs = fits ? stateOutputs : [[]]
        hasOutput = fits ? stateOutputs.map { $0.isEmpty ? 0 : 1 } : [0]
        longestKeyword = longest
    }

    /// Appends every keyword occurrence that ends inside `buffer[range]` and starts at or
    /// after `range.lowerBound` to `hits`, in order of their end position.
    public func search(_ buffer: UnsafeRawBufferPointer, in range: Range<Int>, into hits: inout [Hit]) {
        guard longestKeyword > 0 else { return }
        guard let base = buffer.baseAddress, range.upperBound <= buffer.count else { return }
        // SAFETY: indices stay inside `range`, checked against buffer.count above.
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        let count = classCount
        transitions.withUnsafeBufferPointer { table in
            hasOutput.withUnsafeBufferPointer { flags in
                classes.withUnsafeBufferPointer { classOf in
                var state = 0
                for index in range {
                    state = Int(table[state &* count &+ Int(classOf[Int(bytes[index])])])
                    if flags[state] != 0 {
                        for (length, detectors) in outputs[state] {
                            hits.append(Hit(range: (index + 1 - length)..<(index + 1), detectors: detectors))
                        }
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
