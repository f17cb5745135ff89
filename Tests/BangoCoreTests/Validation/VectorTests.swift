import Foundation
import Testing

@testable import BangoCore

/// Differential tests: each validator against verdicts python-stdnum gives on the same
/// synthetic values (`Vectors/*.tsv`, made by `scripts/make_vectors.py`).
@Suite struct VectorTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".tsv") }
            .sorted()
    }

    @Test func everyVectorFileNamesAValidator() {
        #expect(Self.files.count >= 12)
        for file in Self.files {
            #expect(Validator(rawValue: String(file.dropLast(4))) != nil, "\(file)")
        }
    }

    @Test(arguments: VectorTests.files)
    func agreesWithPythonStdnum(_ file: String) throws {
        let validator = try #require(Validator(rawValue: String(file.dropLast(4))))
        let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        var checked = 0
        var valid = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            let expected = parts[0] == "valid"
            let value = ValueNormalizer.normalize(String(parts[1]))
            // Failure messages show the masked value only.
            #expect(validator.isValid(value) == expected, "\(file): \(Masking.mask(value)) expected \(expected)")
            checked += 1
            if expected { valid += 1 }
        }
        #expect(checked >= 300)
        #expect(valid >= 100 && checked - valid >= 100)
    }

    /// Published test card numbers (processors' documentation), not real cards.
    @Test(arguments: [
        "4111111111111111", "5555555555554444", "2223003122003222", "378282246310005",
        "3530111333300000", "6011111111111117", "30569309025904", "6200000000000005", "4222222222222",
    ])
    func publishedTestCardsAreValid(_ number: String) {
        #expect(Validator.paymentCard.isValid(number))
    }

    @Test(arguments: ["4111111111111112", "1234567812345670", "9111111111111111", "41111111111111"])
    func cardLookAlikesAreNot(_ number: String) {
        #expect(!Validator.paymentCard.isValid(number))
    }

    /// Example IBANs from the SWIFT IBAN registry.
    @Test(arguments: [
        "DE89370400440532013000", "GB82WEST12345698765432", "NL91ABNA0417164300",
        "FR1420041010050500013M02606", "ES9121000418450200051332", "BE68539007547034",
    ])
    func registryIBANsAreValid(_ iban: String) {
        #expect(Validator.iban.isValid(iban))
        #expect(!Validator.iban.isValid(String(iban.prefix(4)) + String(iban.dropFirst(4).reversed())))
    }

    @Test func jwtAndEntropy() {
        // The header of jwt.io's example token, {"alg":"HS256","typ":"JWT"}.
        #expect(Validator.jwt.isValid("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.sig"))
        #expect(!Validator.jwt.isValid("eyJub3RoaW5nIjoxfQ.e30.sig"))
        #expect(Validator.highEntropy.isValid("q8Vz3kT1xR9pL2mN7wY4"))
        #expect(!Validator.highEntropy.isValid("changeme-changeme"))
        #expect(!Validator.highEntropy.isValid("aaaaaaaaaaaaaaaa"))
    }
}
