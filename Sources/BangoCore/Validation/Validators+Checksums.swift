/// Check digits of cards, bank accounts and national numbers outside Japan.
extension Validators {
    /// Luhn: doubling every second digit from the right, the sum is a multiple of 10.
    public static func passesLuhn(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count >= 2 else { return false }
        var sum = 0
        for (position, byte) in digits.reversed().enumerated() {
            guard var digit = digitValue(byte) else { return false }
            if position % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }

    /// Issuer prefixes and lengths: Visa 4 (13, 16, 19); Mastercard 51–55 and 2221–2720
    /// (16); American Express 34, 37 (15); JCB 3528–3589 (16–19); Diners 300–305, 36, 38,
    /// 39 (14–19); Discover 6011, 644–649, 65 (16–19); UnionPay 62 (16–19).
    public static func isValidPaymentCard(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = digits.count
        guard count >= 13, count <= 19, passesLuhn(digits) else { return false }
        func prefix(_ length: Int) -> Int {
            var value = 0
            for index in 0..<length { value = value * 10 + (digitValue(digits[index]) ?? 0) }
            return value
        }
        let two = prefix(2)
        let three = prefix(3)
        let four = prefix(4)
        switch true {
        case digits[0] == UInt8(ascii: "4"): return count == 13 || count == 16 || count == 19
        case (51...55).contains(two), (2221...2720).contains(four): return count == 16
        case two == 34 || two == 37: return count == 15
        case (3528...3589).contains(four): return count >= 16
        case (300...305).contains(three), two == 36, two == 38, two == 39: return count >= 14
        case four == 6011, (644...649).contains(three), two == 65: return count >= 16
        case two == 62: return count >= 16
        default: return false
        }
    }

    /// IBAN lengths by country (SWIFT IBAN registry).
    static let ibanLengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
        "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
        "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
        "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
        "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
        "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
        "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
        "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    ]

    /// IBAN: country length, then the number with its first four characters moved to the
    /// end and letters as 10–35 is 1 mod 97.
    public static func isValidIBAN(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 15, value.count <= 34 else { return false }
        // SAFETY: the guard above checked value.count >= 15, so the first two bytes exist; the String copies them.
        let country = String(decoding: UnsafeBufferPointer(rebasing: value[0..<2]), as: UTF8.self)
        guard ibanLengths[country] == value.count, digitValue(value[2]) != nil, digitValue(value[3]) != nil
        else { return false }
        var remainder = 0
        for offset in 0..<value.count {
            let byte = value[(offset + 4) % value.count]
            if let digit = digitValue(byte) {
                remainder = (remainder * 10 + digit) % 97
            } else if byte >= 0x41 && byte <= 0x5A {
                remainder = (remainder * 100 + Int(byte - 0x41 + 10)) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }

    /// CUIT/CUIL: type 20, 23, 24, 27 (people) or 30, 33, 34 (companies); check digit
    /// 11 − (Σ weights 5,4,3,2,7,6,5,4,3,2) mod 11, where 11 is written 0 and 10 is
    /// written 9 (AFIP reissues such numbers under type 23/33; python-stdnum agrees).
    public static func isValidCUIT(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count == 11, let first = digitValue(digits[0]), let second = digitValue(digits[1]),
            [20, 23, 24, 27, 30, 33, 34].contains(first * 10 + second)
        else { return false }
        let weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        var sum = 0
        for index in 0..<10 {
            guard let digit = digitValue(digits[index]) else { return false }
            sum += digit * weights[index]
        }
        guard let check = digitValue(digits[10]) else { return false }
        let expected = 11 - sum % 11
        return check == (expected == 11 ? 0 : expected == 10 ? 9 : expected)
    }

    /// SIN: nine digits passing Luhn; 0 is unused and 8 is not issued to people.
    public static func isValidSIN(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count == 9, digits[0] != UInt8(ascii: "0"), digits[0] != UInt8(ascii: "8") else { return false }
        return passesLuhn(digits)
    }

    /// BC PHN: 10 digits, first 9; digits 2–9 weighted 2,4,8,5,10,9,7,3; check digit
    /// (11 − Σ mod 11) mod 11, and a result of 10 is invalid.
    public static func isValidBCPHN(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count == 10, digits[0] == UInt8(ascii: "9") else { return false }
        let weights = [2, 4, 8, 5, 10, 9, 7, 3]
        var sum = 0
        for index in 0..<8 {
            guard let digit = digitValue(digits[index + 1]) else { return false }
            sum += digit * weights[index]
        }
        guard let check = digitValue(digits[9]) else { return false }
        let expected = (11 - sum % 11) % 11
        return expected < 10 && check == expected
    }

    /// BSN: 9*d1 + 8*d2 + … + 2*d8 − d9 is a multiple of 11 (and not all zeros).
    public static func isValidBSN(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count == 9 else { return false }
        var sum = 0
        var nonZero = false
        for index in 0..<9 {
            guard let digit = digitValue(digits[index]) else { return false }
            if digit != 0 { nonZero = true }
            sum += digit * (index == 8 ? -1 : 9 - index)
        }
        return nonZero && sum % 11 == 0
    }

    /// PESEL: weights 1,3,7,9,1,3,7,9,1,3; check = (10 − Σ mod 10) mod 10; the month
    /// encodes the century (+20, +40, +60, +80) and must be 1–12 after decoding, the day
    /// 1–31.
    public static func isValidPESEL(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count == 11 else { return false }
        var values = [Int](repeating: 0, count: 11)
        for index in 0..<11 {
            guard let digit = digitValue(digits[index]) else { return false }
            values[index] = digit
        }
        let month = (values[2] * 10 + values[3]) % 20
        let day = values[4] * 10 + values[5]
        guard (1...12).contains(month), (1...31).contains(day) else { return false }
        let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
        let sum = zip(values, weights).map(*).reduce(0, +)
        return values[10] == (10 - sum % 10) % 10
    }

    static let spanishControlLetters = Array("TRWAGMYFPDXBNJZSQVHLCKE".utf8)

    /// DNI: eight digits and the letter at (number mod 23) of TRWAGMYFPDXBNJZSQVHLCKE.
    public static func isValidSpanishDNI(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count == 9 else { return false }
        var number = 0
        for index in 0..<8 {
            guard let digit = digitValue(value[index]) else { return false }
            number = number * 10 + digit
        }
        return value[8] == spanishControlLetters[number % 23]
    }

    /// NIE: X, Y or Z (read as 0, 1, 2), seven digits, and the DNI control letter.
    public static func isValidNIE(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count == 9,
            let lead = [UInt8(ascii: "X"), UInt8(ascii: "Y"), UInt8(ascii: "Z")].firstIndex(of: value[0])
        else { return false }
        var number = lead
        for index in 1..<8 {
            guard let digit = digitValue(value[index]) else { return false }
            number = number * 10 + digit
        }
        return value[8] == spanishControlLetters[number % 23]
    }

    /// NIR: 13 characters (sex 1/2, year, month, department — 2A/2B for Corsica read as
    /// 19/18 after subtracting 1,000,000/2,000,000 — commune, order) and a key of
    /// 97 − (number mod 97).
    public static func isValidNIR(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count == 15, value[0] == UInt8(ascii: "1") || value[0] == UInt8(ascii: "2") else { return false }
        var number = 0
        var corsica = 0
        for index in 0..<13 {
            let byte = value[index]
            if index == 6, byte == UInt8(ascii: "A") || byte == UInt8(ascii: "B") {
                corsica = byte == UInt8(ascii: "A") ? 1_000_000 : 2_000_000
                number = number * 10
                continue
            }
            guard let digit = digitValue(byte) else { return false }
            number = number * 10 + digit
        }
        guard let high = digitValue(value[13]), let low = digitValue(value[14]) else { return false }
        return 97 - (number - corsica) % 97 == high * 10 + low
    }

    @inline(__always)
    static func isUpperLetter(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// RAMQ: four letters (surname and given name), YYMMDD with the month 01–12 or 51–62,
    /// and two administrative digits. Quebec does not publish a check digit.
    public static func isValidRAMQ(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count == 12, (0..<4).allSatisfy({ isUpperLetter(value[$0]) }) else { return false }
        var numbers = (0, 0, 0, 0)
        for index in 4..<12 {
            guard let digit = digitValue(value[index]) else { return false }
            switch index {
            case 6, 7: numbers.1 = numbers.1 * 10 + digit
            case 8, 9: numbers.2 = numbers.2 * 10 + digit
            default: numbers.0 = numbers.0 * 10 + digit
            }
        }
        let month = numbers.1 > 50 ? numbers.1 - 50 : numbers.1
        return (1...12).contains(month) && (1...31).contains(numbers.2)
    }

    /// Institution numbers of Canadian banks and credit union centrals (Payments Canada's
    /// member list, the common ones): BMO 001, Scotiabank 002, RBC 003, TD 004, National
    /// 006, CIBC 010, HSBC 016, Canadian Western 030, Laurentian 039, Bank of Canada 177,
    /// ATB 219, Citibank 260, Tangerine 614, EQ 623, Desjardins 815, credit unions 809,
    /// 828, 837, 839, 849, 869, 879, 889, 899.
    static let canadianInstitutions: Set<Int> = [
        1, 2, 3, 4, 6, 10, 16, 30, 39, 177, 219, 260, 614, 623, 809, 815, 828, 837, 839, 849, 869, 879, 889, 899,
    ]

    /// Transit (5 digits), institution (3), account (7–12): the institution is known.
    public static func hasCanadianInstitution(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count >= 15, digits.count <= 20 else { return false }
        var institution = 0
        for index in 5..<8 {
            guard let digit = digitValue(digits[index]) else { return false }
            institution = institution * 10 + digit
        }
        return canadianInstitutions.contains(institution)
    }

    static let omocodiaLetters = Array("LMNPQRSTUV".utf8)
    static let codiceFiscaleMonths = Array("ABCDEHLMPRST".utf8)
    /// Values of A–Z (and of 0–9, which count as A–J) in odd (1st, 3rd, …) positions.
    static let codiceFiscaleOddValues = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
    ]

    /// Codice fiscale: 6 letters, 2 digits, a month letter, 2 digits, a letter, 3 digits,
    /// the check letter. Any digit may be replaced by L M N P Q R S T U V (0–9) when two
    /// people would otherwise share a code. The check letter is the sum of the odd
    /// positions' table values and the even positions' plain values, mod 26.
    public static func isValidCodiceFiscale(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count == 16 else { return false }
        for index in 0..<15 {
            let byte = value[index]
            switch index {
            case 0..<6, 11:
                guard isUpperLetter(byte) else { return false }
            case 8:
                guard codiceFiscaleMonths.contains(byte) else { return false }
            default:
                guard digitValue(byte) != nil || omocodiaLetters.contains(byte) else { return false }
            }
        }
        var sum = 0
        for index in 0..<15 {
            let byte = value[index]
            let ordinal = digitValue(byte) ?? Int(byte - 0x41)
            sum += index % 2 == 0 ? codiceFiscaleOddValues[ordinal] : ordinal
        }
        return value[15] == UInt8(0x41 + sum % 26)
    }

    /// ICAO 9303: digits count as themselves, letters A–Z as 10–35, weights 7, 3, 1
    /// repeating; the last character is Σ mod 10.
    public static func passesICAO9303(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 2, let check = digitValue(value[value.count - 1]) else { return false }
        let weights = (7, 3, 1)
        var sum = 0
        for index in 0..<(value.count - 1) {
            let byte = value[index]
            let number: Int
            if let digit = digitValue(byte) {
                number = digit
            } else if isUpperLetter(byte) {
                number = Int(byte - 0x41) + 10
            } else {
                return false
            }
            let weight = index % 3 == 0 ? weights.0 : index % 3 == 1 ? weights.1 : weights.2
            sum += number * weight
        }
        return check == sum % 10
    }
}
