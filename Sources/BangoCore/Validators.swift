/// Check-digit and structure validators, named in pattern packs by `validator:`.
///
/// Every validator is a pure function over the normalised value: ASCII digits and
/// letters only, separators removed, full-width forms folded to ASCII. They take a
/// borrowed buffer and never allocate, because validation runs once per candidate and
/// is what makes validating scanners slow when done carelessly.
public enum Validator: String, Sendable, CaseIterable {
    /// 個人番号 (My Number): 12 digits, the last a mod-11 check digit.
    case jpMyNumber = "jp_my_number"
    /// 法人番号 (corporate number): 13 digits, the first a mod-9 check digit.
    case jpCorporateNumber = "jp_corporate_number"

    /// Whether `value` (normalised ASCII bytes) passes this validator.
    public func isValid(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .jpMyNumber: Validators.isValidMyNumber(value)
        case .jpCorporateNumber: Validators.isValidCorporateNumber(value)
        }
    }

    /// Convenience for tests and tools: validates a Swift string.
    public func isValid(_ value: String) -> Bool {
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer { isValid(UnsafeBufferPointer($0)) }
    }
}

/// The check-digit algorithms themselves.
public enum Validators {
    /// My Number check digit, as the 行政手続における特定の個人を識別するための番号の利用等に関する
    /// 法律施行令 (Cabinet Order) art. 8 defines it: over the first 11 digits, left to right,
    /// weights 6,5,4,3,2,7,6,5,4,3,2; r = Σ mod 11; check = 0 if r ≤ 1, else 11 − r.
    public static func isValidMyNumber(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count == 12 else { return false }
        let weights: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
        return withUnsafeBytes(of: weights) { raw in
            let weight = raw.bindMemory(to: Int.self)
            var sum = 0
            for index in 0..<11 {
                guard let digit = digitValue(digits[index]) else { return false }
                sum += digit * weight[index]
            }
            guard let check = digitValue(digits[11]) else { return false }
            let remainder = sum % 11
            return check == (remainder <= 1 ? 0 : 11 - remainder)
        }
    }

    /// Corporate number check digit (法人番号の指定等に関する省令 art. 2): the leading digit
    /// equals 9 − (Σ of the 12 following digits weighted 1,2,1,2,… from the right) mod 9.
    public static func isValidCorporateNumber(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count == 13, let check = digitValue(digits[0]) else { return false }
        var sum = 0
        for positionFromRight in 1...12 {
            guard let digit = digitValue(digits[13 - positionFromRight]) else { return false }
            sum += digit * (positionFromRight % 2 == 1 ? 1 : 2)
        }
        return check == 9 - sum % 9
    }

    @inline(__always)
    static func digitValue(_ byte: UInt8) -> Int? {
        byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
    }
}
