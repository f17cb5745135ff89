import Testing
@testable import BangoCore

@Suite struct ValidatorTests {
    // Vectors from the issue; 123456789018 is the example the PPC's check-digit
    // explanation and many implementations use.
    @Test(arguments: ["621498320257", "123456789018", "111111111118"])
    func validMyNumbers(_ value: String) {
        #expect(Validator.jpMyNumber.isValid(value))
    }

    @Test(arguments: ["621498320258", "123456789019", "12345678901", "1234567890180", "12345678901a", ""])
    func invalidMyNumbers(_ value: String) {
        #expect(!Validator.jpMyNumber.isValid(value))
    }

    @Test(arguments: ["5835678256246", "2021001052596", "7000012050002"])
    func validCorporateNumbers(_ value: String) {
        // 5835678256246 is the vector; 2021001052596 and 7000012050002 are the
        // corporate numbers the NTA publishes for itself and for the Cabinet Office
        // (public bodies, not personal data).
        #expect(Validator.jpCorporateNumber.isValid(value))
    }

    @Test(arguments: ["2835678256246", "583567825624", "58356782562460", "0123456789018"])
    func invalidCorporateNumbers(_ value: String) {
        #expect(!Validator.jpCorporateNumber.isValid(value))
    }

    @Test func everyCheckDigitIsTheOnlyValidOne() {
        // For a body, exactly one of the ten final digits validates.
        var generator = SyntheticIdentifiers(seed: 7)
        for _ in 0..<200 {
            let valid = generator.myNumber()
            let body = valid.dropLast()
            let passing = (0...9).filter { Validator.jpMyNumber.isValid(body + String($0)) }
            #expect(passing.count == 1)
            #expect(Validator.jpCorporateNumber.isValid(generator.corporateNumber()))
            #expect(!Validator.jpCorporateNumber.isValid(generator.invalidCorporateNumber()))
            #expect(!Validator.jpMyNumber.isValid(generator.invalidMyNumber()))
        }
    }

    @Test func normalizationFoldsFullWidthAndDropsSeparators() {
        #expect(ValueNormalizer.normalize("１２３４　5678－９０１８") == "123456789018")
        #expect(ValueNormalizer.normalize("t-5835678256246") == "T5835678256246")
        #expect(ValueNormalizer.normalize("ａｂ") == "AB")
    }

    @Test func maskingShowsAtMostTheLastFour() {
        #expect(Masking.mask("123456789018") == "********9018")
        #expect(Masking.mask("1234") == "****")
        #expect(Masking.mask("12") == "**")
    }

    @Test func fingerprintsAreKeyedAndStable() throws {
        let other = try Fingerprinter(keyBytes: Array("another-key-of-sufficient-size".utf8))
        let a = testFingerprinter.fingerprint(detector: "jp.my_number", normalizedValue: "123456789018")
        #expect(a == testFingerprinter.fingerprint(detector: "jp.my_number", normalizedValue: "123456789018"))
        #expect(a != other.fingerprint(detector: "jp.my_number", normalizedValue: "123456789018"))
        #expect(a != testFingerprinter.fingerprint(detector: "jp.corporate_number", normalizedValue: "123456789018"))
        #expect(a.count == 64 && !a.contains("123456789018"))
        #expect(throws: FingerprintKeyError.tooShort(3)) { try Fingerprinter(keyBytes: [1, 2, 3]) }
    }
}
