import Foundation

/// The check-digit algorithms themselves.
public enum Validators {
    /// My Number check digit, as 総務省令第八十五号 (2014) art. 5 defines it: over the first 11 digits, left to right,
    /// weights 6,5,4,3,2,7,6,5,4,3,2; r = Σ mod 11; check = 0 if r ≤ 1, else 11 − r.
    public static func isValidMyNumber(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count == 12 else { return false }
        var sum = 0
        for index in 0..<11 {
            guard let digit = digitValue(digits[index]) else { return false }
            // The weights 6,5,4,3,2 then 7,6,5,4,3,2, computed rather than looked up.
            sum += digit * (index < 5 ? 6 - index : 12 - index)
        }
        guard let check = digitValue(digits[11]) else { return false }
        let remainder = sum % 11
        return check == (remainder <= 1 ? 0 : 11 - remainder)
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

    /// Prefectural public safety commission codes that begin a driver's licence number
    /// (北海道 10–14 by region, 青森 20 … 沖縄 97).
    static func isPrefecturalCommissionCode(_ code: Int) -> Bool {
        switch code {
        case 10...14, 20...25, 30, 40...49, 50...55, 60...65, 70...74, 80...83, 90...97: true
        default: false
        }
    }

    /// Driver's licence: a commission code, then over the first 10 digits the weights
    /// 5,4,3,2,7,6,5,4,3,2; the 11th digit is (11 − Σ mod 11) mod 10. The scheme is the
    /// one documented by several independent write-ups (not by the National Police
    /// Agency), so packs use it as evidence, never as a filter.
    public static func isValidDriversLicense(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count == 12, let first = digitValue(digits[0]), let second = digitValue(digits[1]),
            isPrefecturalCommissionCode(first * 10 + second), let check = digitValue(digits[10])
        else { return false }
        var sum = 0
        for index in 0..<10 {
            guard let digit = digitValue(digits[index]) else { return false }
            sum += digit * (index < 4 ? 5 - index : 11 - index)
        }
        return digitValue(digits[11]) != nil && check == (11 - sum % 11) % 10
    }

    /// Modulus 11, weights 2,3,4,5,6,7,2,3,… from the digit before the check digit
    /// leftwards; check = 0 when Σ mod 11 ≤ 1, else 11 − Σ mod 11.
    public static func passesMod11(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count >= 2, let check = digitValue(digits[digits.count - 1]) else { return false }
        var sum = 0
        for position in 1..<digits.count {
            guard let digit = digitValue(digits[digits.count - 1 - position]) else { return false }
            sum += digit * ((position - 1) % 6 + 2)
        }
        let remainder = sum % 11
        return check == (remainder <= 1 ? 0 : 11 - remainder)
    }
}
