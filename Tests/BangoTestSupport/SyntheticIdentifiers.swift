/// Makes checksum-valid identifiers that belong to nobody, for tests, the sample share
/// and benchmark corpora. The repository holds no real personal data: every identifier
/// it needs is drawn here from a seeded generator and completed with the check digit
/// the validator expects.
public struct SyntheticIdentifiers: Sendable {
    private var generator: SplitMix64

    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// A valid My Number: 11 random digits followed by the mod-11 check digit.
    public mutating func myNumber() -> String {
        let body = (0..<11).map { _ in Int(generator.next() % 10) }
        return (body + [Self.myNumberCheckDigit(body)]).map(String.init).joined()
    }

    /// A 12-digit number whose last digit is deliberately wrong: a decoy.
    public mutating func invalidMyNumber() -> String {
        let body = (0..<11).map { _ in Int(generator.next() % 10) }
        let wrong = (Self.myNumberCheckDigit(body) + 1 + Int(generator.next() % 9)) % 10
        return (body + [wrong]).map(String.init).joined()
    }

    /// A valid corporate number: the mod-9 check digit followed by 12 random digits.
    public mutating func corporateNumber() -> String {
        let body = (0..<12).map { _ in Int(generator.next() % 10) }
        return ([Self.corporateCheckDigit(body)] + body).map(String.init).joined()
    }

    /// A 13-digit number with a wrong corporate check digit: a decoy.
    public mutating func invalidCorporateNumber() -> String {
        let body = (0..<12).map { _ in Int(generator.next() % 10) }
        let right = Self.corporateCheckDigit(body)
        let wrong = right == 9 ? 1 : right + 1
        return ([wrong] + body).map(String.init).joined()
    }

    /// A uniformly random integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(generator.next() % UInt64(range.count))
    }

    /// A random element of `items`.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(in: 0...(items.count - 1))] }

    /// My Number check digit over 11 body digits (weights 6,5,4,3,2,7,6,5,4,3,2).
    public static func myNumberCheckDigit(_ body: [Int]) -> Int {
        let weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        let remainder = zip(body, weights).map(*).reduce(0, +) % 11
        return remainder <= 1 ? 0 : 11 - remainder
    }

    /// Corporate number check digit over the 12 body digits (weights 1,2,… from the right).
    public static func corporateCheckDigit(_ body: [Int]) -> Int {
        let sum = body.reversed().enumerated().map { $0.element * ($0.offset % 2 == 0 ? 1 : 2) }.reduce(0, +)
        return 9 - sum % 9
    }
}

/// SplitMix64: a tiny, well-known seeded generator, so generated data is the same on
/// every machine and run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
