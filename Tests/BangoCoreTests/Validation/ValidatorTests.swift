import BangoTestSupport
import Crypto
import Foundation
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

    @Test(arguments: [16, 31, 64, 65, 200])
    func fingerprintsAreHMACSHA256(keyLength: Int) throws {
        // The hand-rolled HMAC (precomputed pad states) against swift-crypto's HMAC.
        let keyBytes = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let fingerprinter = try Fingerprinter(keyBytes: keyBytes)
        for value in ["", "123456789018", String(repeating: "A", count: 300)] {
            let message = Array("jp.my_number".utf8) + [0] + Array(value.utf8)
            let reference = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: keyBytes))
            let hex = reference.map { String(format: "%02x", $0) }.joined()
            #expect(
                fingerprinter.fingerprint(detector: "jp.my_number", normalizedValue: value).description == hex,
                "key \(keyLength), value length \(value.count)")
        }
    }

    @Test func fingerprintHexRoundTrips() throws {
        let fingerprint = testFingerprinter.fingerprint(detector: "jp.my_number", normalizedValue: "123456789018")
        let hex = fingerprint.description
        #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(Fingerprint(hex: hex) == fingerprint)
        #expect(Fingerprint(hex: hex.uppercased()) == fingerprint)
        // Anything but 64 hex digits is refused.
        #expect(Fingerprint(hex: String(hex.dropLast())) == nil)
        #expect(Fingerprint(hex: hex + "0") == nil)
        #expect(Fingerprint(hex: String(hex.dropLast()) + "g") == nil)
        #expect(Fingerprint(hex: "") == nil)
    }

    @Test func fingerprintsAreKeyedAndStable() throws {
        let other = try Fingerprinter(keyBytes: Array("another-key-of-sufficient-size".utf8))
        let a = testFingerprinter.fingerprint(detector: "jp.my_number", normalizedValue: "123456789018")
        #expect(a == testFingerprinter.fingerprint(detector: "jp.my_number", normalizedValue: "123456789018"))
        #expect(a != other.fingerprint(detector: "jp.my_number", normalizedValue: "123456789018"))
        #expect(a != testFingerprinter.fingerprint(detector: "jp.corporate_number", normalizedValue: "123456789018"))
        #expect(a.description.count == 64 && !a.description.contains("123456789018"))
        #expect(throws: FingerprintKeyError.tooShort(3)) { try Fingerprinter(keyBytes: [1, 2, 3]) }
    }

    // Driver's licence: 4598033587 is the worked example of a published explanation of
    // the check digit (Σ = 174, 174 mod 11 = 9, 11 − 9 = 2); the rest is synthetic.
    @Test func driversLicenceCheckDigitAndCommissionCode() {
        #expect(Validator.jpDriversLicense.isValid("459803358720"))
        #expect(Validator.jpDriversLicense.isValid("300912345610"))
        #expect(!Validator.jpDriversLicense.isValid("459803358730"))  // wrong check digit
        #expect(!Validator.jpDriversLicense.isValid("999803358720"))  // no commission 99
        #expect(!Validator.jpDriversLicense.isValid("45980335872"))
        let passing = (0...9).filter { Validator.jpDriversLicense.isValid("4598033587\($0)0") }
        #expect(passing == [2])
    }

    @Test func modulus11WeightsTwoToSeven() {
        #expect(Validator.mod11.isValid("12345678903"))
        #expect(Validator.mod11.isValid("50817263949"))
        #expect(!Validator.mod11.isValid("12345678904"))
        // 地方公共団体コード use the same scheme: 131016 is Chiyoda-ku, 011002 Sapporo.
        #expect(Validator.mod11.isValid("131016"))
        #expect(Validator.mod11.isValid("011002"))
    }

    @Test func ramqStructure() {
        #expect(Validator.caRAMQ.isValid("TREM85621512"))  // month 62: a woman born in December
        #expect(Validator.caRAMQ.isValid("BOUJ90120311"))
        #expect(!Validator.caRAMQ.isValid("BOUJ90130311"))  // month 13
        #expect(!Validator.caRAMQ.isValid("BOUJ90123211"))  // day 32
        #expect(!Validator.caRAMQ.isValid("BOU190120311"))
    }

    @Test func canadianInstitutionNumbers() {
        #expect(Validator.caBankInstitution.isValid("123450031234567"))  // RBC
        #expect(Validator.caBankInstitution.isValid("543218150012345678"))  // Desjardins
        #expect(!Validator.caBankInstitution.isValid("123455551234567"))
        #expect(!Validator.caBankInstitution.isValid("12345003123"))
    }

    // ICAO 9303's specimen passport (document number L898902C, check 3… written here as
    // the nine characters and check digit of its MRZ field) and the German identity
    // card specimen (Erika Mustermann, L01X00T47 with check digit 1).
    @Test(arguments: ["L898902C36", "L01X00T471", "T220001293"])
    func icaoCheckDigits(_ value: String) {
        #expect(Validator.icao9303.isValid(value))
        let last = value.last.flatMap { $0.wholeNumberValue } ?? 0
        #expect(!Validator.icao9303.isValid(String(value.dropLast()) + String((last + 1) % 10)))
    }
}
