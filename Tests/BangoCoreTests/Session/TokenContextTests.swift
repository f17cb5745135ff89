import BangoTestSupport
import Testing

@testable import BangoCore

/// Digits judged by the token around them: UUID groups, base64 runs, hex dumps and ids
/// joined to other words are refused for every digit detector, while labels and paths
/// keep their numbers.
@Suite struct TokenContextTests {
    /// Checksum-valid synthetic My Numbers (the generator computes the mod-11 check digit)
    /// and a pseudo-random source of hex and base64 around them.
    var generator = SyntheticIdentifiers(seed: 2026)

    mutating func hex(_ count: Int, uppercase: Bool = false) -> String {
        let digits = Array(uppercase ? "0123456789ABCDEF" : "0123456789abcdef")
        return String((0..<count).map { _ in digits[generator.int(in: 0...15)] })
    }

    /// Base64 that has capitals, small letters and digits, as random bytes' encoding has.
    mutating func base64(_ count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        return "Qz7" + String((0..<(count - 3)).map { _ in alphabet[generator.int(in: 0...63)] })
    }

    func myNumbers(_ text: String, worker: DetectionSession) -> [String] {
        summary(text, worker: worker).filter { $0.hasPrefix("jp.my_number ") }
    }

    @Test mutating func uuidGroupsAreNotMyNumbers() throws {
        let worker = try makeWorker()
        for _ in 0..<50 {
            let number = generator.myNumber()
            // The letter before the last hyphen is what the regex's lookbehind let through.
            let lower = "個人番号 \(hex(8))-\(hex(4))-\(hex(4))-\(hex(3))f-\(number)"
            let upper =
                "My Number \(hex(8, uppercase: true))-\(hex(4, uppercase: true))-ABCD-\(hex(3, uppercase: true))E-\(number)"
            #expect(myNumbers(lower, worker: worker).isEmpty, "lowercase UUID")
            #expect(myNumbers(upper, worker: worker).isEmpty, "uppercase UUID")
        }
    }

    @Test mutating func base64RunsHexDumpsAndJoinedIdsAreRefused() throws {
        let worker = try makeWorker()
        for _ in 0..<50 {
            let number = generator.myNumber()
            let grouped = number.prefix(4) + " " + number.dropFirst(4).prefix(4) + " " + number.suffix(4)
            let decoys = [
                "個人番号 blob=\(base64(24))+\(number)/\(base64(20))==",
                "個人番号 \(base64(30))/\(number)==",
                "個人番号 00000a10: 3f \(grouped) be",
                "個人番号 dump \(hex(3))e \(grouped)",
                "個人番号 ORDER-\(number)",
                "個人番号 job_\(number)",
                "個人番号 \(number)-v2",
                "個人番号 build-7f3-\(number)",
            ]
            // Failures name the decoy's shape by its index, never its digits.
            for (shape, decoy) in decoys.enumerated() {
                #expect(myNumbers(decoy, worker: worker).isEmpty, "decoy shape \(shape)")
            }
        }
    }

    @Test mutating func labelsPathsAndPlainSeparatorsKeepTheirNumbers() throws {
        let worker = try makeWorker()
        for _ in 0..<20 {
            let number = generator.myNumber()
            let kept = [
                "個人番号 \(number)",
                "個人番号: ID-\(number)",
                "個人番号-\(number)",
                "個人番号 /home/hr/Staff/\(number).csv",
                "個人番号 \(number.prefix(4))-\(number.dropFirst(4).prefix(4))-\(number.suffix(4))",
                "個人番号 \(number.prefix(4)) \(number.dropFirst(4).prefix(4)) \(number.suffix(4)) です",
                "個人番号=\(number)",
                "個人番号 (\(number))",
            ]
            for (shape, text) in kept.enumerated() {
                #expect(myNumbers(text, worker: worker).count == 1, "kept shape \(shape)")
            }
        }
    }

    /// Not only My Number: every digit detector is judged the same way.
    @Test func otherDigitDetectorsAreJudgedAlike() throws {
        let worker = try makeWorker()
        // A Luhn-valid test card number and a Luhn-valid SIN (both published test values).
        let card = "card 4111 1111 1111 1111"
        #expect(summary(card, worker: worker).contains { $0.hasPrefix("payment_card ") })
        #expect(!summary("card 4111111111111111-ab12", worker: worker).contains { $0.hasPrefix("payment_card ") })
        #expect(summary("SIN: 509-959-029", worker: worker).contains { $0.hasPrefix("ca.sin ") })
        #expect(!summary("SIN: req-7a-509959029", worker: worker).contains { $0.hasPrefix("ca.sin ") })
        let uuidCard = "card 3f2504e0-4f89-11d3-9a0c-411111111111"
        #expect(!summary(uuidCard, worker: worker).contains { $0.hasPrefix("payment_card ") })
    }

    @Test func theUUIDShapeIsCheckedExactly() {
        func rejects(_ text: String, _ needle: String) -> Bool {
            let bytes = Array(text.utf8)
            let start = text.utf8.count - needle.utf8.count - (text.hasSuffix(needle) ? 0 : 1)
            // SAFETY: the closure's pointer covers `bytes` and does not escape it.
            return bytes.withUnsafeBytes { TokenContext.isInUUID(start..<(start + needle.utf8.count), $0) }
        }
        #expect(rejects("550e8400-e29b-41d4-a716-446655440000", "446655440000"))
        // One hyphen out of place, or a non-hex letter: no UUID.
        #expect(!rejects("550e8400-e29b-41d4a-716-446655440000", "446655440000"))
        #expect(!rejects("550e8400-e29b-41d4-a71g-446655440000", "446655440000"))
    }
}
