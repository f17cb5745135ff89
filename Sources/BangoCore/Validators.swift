import Foundation

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
    /// The Luhn (mod 10) check over all digits.
    case luhn = "luhn"
    /// Payment cards: Luhn, plus a known issuer prefix and a length that issuer uses.
    case paymentCard = "payment_card"
    /// IBAN: a known country, that country's length, and ISO 7064 mod 97-10.
    case iban = "iban"
    /// Argentine CUIT/CUIL: a valid type prefix and a mod-11 check digit.
    case arCUIT = "ar_cuit"
    /// Canadian SIN: 9 digits, Luhn, first digit not 0 or 8.
    case caSIN = "ca_sin"
    /// British Columbia Personal Health Number: 10 digits starting with 9, mod 11.
    case caBCPHN = "ca_bc_phn"
    /// Dutch BSN: 9 digits, the "elfproef" (weights 9…2 and −1, mod 11).
    case nlBSN = "nl_bsn"
    /// Polish PESEL: 11 digits, weights 1,3,7,9 repeating, and a valid encoded month.
    case plPESEL = "pl_pesel"
    /// Spanish DNI: 8 digits and the mod-23 control letter.
    case esDNI = "es_dni"
    /// Spanish NIE: X, Y or Z, 7 digits and the mod-23 control letter.
    case esNIE = "es_nie"
    /// French NIR (sécurité sociale): 13 characters (Corsica 2A/2B) and a mod-97 key.
    case frNIR = "fr_nir"
    /// Japanese driver's licence (運転免許証番号): 12 digits, a known prefectural public
    /// safety commission code first, and the 11th digit a check digit.
    case jpDriversLicense = "jp_drivers_license"
    /// Modulus 11 with weights 2–7 repeating from the right and a check of 0 when the
    /// remainder is 0 or 1 (the JIS-style scheme Japanese codes use).
    case mod11 = "mod11"
    /// Quebec health insurance number (RAMQ): 4 letters, then a date of birth (YYMMDD,
    /// month + 50 for women) and 2 more digits.
    case caRAMQ = "ca_ramq"
    /// A Canadian account's institution number (digits 6–8 of transit, institution,
    /// account) is one a Payments Canada member uses.
    case caBankInstitution = "ca_bank_institution"
    /// Italian codice fiscale: 16 characters in the fixed letter/digit layout (digits may
    /// be replaced by letters, "omocodia") and the check letter.
    case itCodiceFiscale = "it_codice_fiscale"
    /// The ICAO 9303 check digit (weights 7, 3, 1 over digits and letters A=10 … Z=35)
    /// over all but the last character: machine-readable travel documents, the German
    /// identity card's serial number.
    case icao9303 = "icao_9303"
    /// A JSON Web Token: its header decodes (base64url) to a JSON object naming `alg`.
    case jwt = "jwt"
    /// A generic secret: at least 12 characters with Shannon entropy of 3 bits per
    /// character or more, and not a placeholder.
    case highEntropy = "high_entropy"

    /// Whether `value` (normalised ASCII bytes) passes this validator.
    public func isValid(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .jpMyNumber: Validators.isValidMyNumber(value)
        case .jpCorporateNumber: Validators.isValidCorporateNumber(value)
        case .luhn: Validators.passesLuhn(value)
        case .paymentCard: Validators.isValidPaymentCard(value)
        case .iban: Validators.isValidIBAN(value)
        case .arCUIT: Validators.isValidCUIT(value)
        case .caSIN: Validators.isValidSIN(value)
        case .caBCPHN: Validators.isValidBCPHN(value)
        case .nlBSN: Validators.isValidBSN(value)
        case .plPESEL: Validators.isValidPESEL(value)
        case .esDNI: Validators.isValidSpanishDNI(value)
        case .esNIE: Validators.isValidNIE(value)
        case .frNIR: Validators.isValidNIR(value)
        case .jpDriversLicense: Validators.isValidDriversLicense(value)
        case .mod11: Validators.passesMod11(value)
        case .caRAMQ: Validators.isValidRAMQ(value)
        case .caBankInstitution: Validators.hasCanadianInstitution(value)
        case .itCodiceFiscale: Validators.isValidCodiceFiscale(value)
        case .icao9303: Validators.passesICAO9303(value)
        case .jwt: Validators.isJWT(value)
        case .highEntropy: Validators.isHighEntropySecret(value)
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
    /// My Number check digit, as 総務省令第八十五号 (2014) art. 5 defines it: over the first 11 digits, left to right,
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

    // MARK: More check digits

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
        let two = prefix(2), three = prefix(3), four = prefix(4)
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
        guard value.count == 9, let lead = [UInt8(ascii: "X"), UInt8(ascii: "Y"), UInt8(ascii: "Z")].firstIndex(of: value[0])
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

    /// A JWT header: base64url that decodes to a JSON object with an `alg` member.
    public static func isJWT(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let dot = value.firstIndex(of: UInt8(ascii: ".")), dot >= 4 else { return false }
        var bits = 0, accumulator = 0
        var decoded: [UInt8] = []
        for byte in value[0..<dot] {
            let sextet: Int
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): sextet = Int(byte - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): sextet = Int(byte - 97 + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sextet = Int(byte - 48 + 52)
            case UInt8(ascii: "-"): sextet = 62
            case UInt8(ascii: "_"): sextet = 63
            default: return false
            }
            accumulator = (accumulator << 6) | sextet
            bits += 6
            if bits >= 8 {
                bits -= 8
                decoded.append(UInt8((accumulator >> bits) & 0xFF))
            }
        }
        guard decoded.first == UInt8(ascii: "{") else { return false }
        let header = String(decoding: decoded, as: UTF8.self)
        return header.contains("\"alg\"")
    }

    /// Generic secrets: long enough, random enough, and not an obvious placeholder.
    public static func isHighEntropySecret(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 12 else { return false }
        var counts = [Int](repeating: 0, count: 256)
        for byte in value { counts[Int(byte)] += 1 }
        var entropy = 0.0
        let total = Double(value.count)
        for count in counts where count > 0 {
            let probability = Double(count) / total
            entropy -= probability * log2(probability)
        }
        let text = String(decoding: value, as: UTF8.self).lowercased()
        let placeholders = ["changeme", "password", "example", "xxxxxx", "your_", "<", "${", "{{", "redacted", "dummy"]
        if placeholders.contains(where: { text.contains($0) }) { return false }
        return entropy >= 3.0
    }

    // MARK: Secondary Japanese checks and further jurisdictions

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
    static let codiceFiscaleOddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]

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
