import Foundation
import Testing

@testable import BangoCore

/// The structure checks of secret formats, against published vectors where there are
/// some (BIP-173 for bech32) and synthetic values built here otherwise.
@Suite struct SecretStructureTests {
    /// BIP-173's valid bech32 strings.
    @Test(arguments: [
        "A12UEL5L", "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11" + String(repeating: "q", count: 82) + "c8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl",
    ])
    func bech32VectorsPass(_ value: String) {
        #expect(Validator.bech32.isValid(value))
    }

    /// BIP-173's invalid ones that this check is for (no separator, empty prefix,
    /// a character outside the alphabet, a short checksum, mixed case), and a valid
    /// string with one character changed.
    @Test(arguments: [
        "pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3", "10a06t8", "1qzzfhee", "A12uEL5L", "a12uel5m",
    ])
    func bech32VectorsFail(_ value: String) {
        #expect(!Validator.bech32.isValid(value))
    }

    /// A Discord bot token's first part is a user id in base64.
    @Test func discordTokensDecodeToAUserID() {
        let id = Data("412345678901234567".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        let tail = ".Gx2Q7a.abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
        #expect(Validator.discordBotToken.isValid(id + tail))
        let letters = Data("not-a-number-at-all".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        #expect(!Validator.discordBotToken.isValid(letters + tail))
        #expect(!Validator.discordBotToken.isValid("NDEy" + tail))  // "412": too short for an id
        #expect(!Validator.discordBotToken.isValid("no dot at all"))
    }

    @Test func basicCredentialsAreUserColonPassword() {
        func encoded(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        #expect(Validator.basicCredential.isValid(encoded("deploy:Vq8rT2mLx9Kc")))
        #expect(!Validator.basicCredential.isValid(encoded("deploy")))  // no colon
        #expect(!Validator.basicCredential.isValid(encoded(":Vq8rT2mLx9Kc")))  // no user
        #expect(!Validator.basicCredential.isValid(encoded("deploy:")))  // no password
        #expect(!Validator.basicCredential.isValid(encoded("user:password")))  // a placeholder
        #expect(!Validator.basicCredential.isValid(encoded("a:\u{1}\u{2}\u{3}\u{4}")))  // not printable
        #expect(!Validator.basicCredential.isValid("not base64!"))
    }

    @Test func placeholderPasswordsAreRefused() {
        for real in ["Vq8rT2mLx9Kc", "s3cr3t!x", "tr0ub4dor&3"] {
            #expect(Validator.password.isValid(real), "\(real)")
        }
        let placeholders = [
            "password", "Password123", "changeme", "${DB_PASSWORD}", "<password>", "%(pw)s", "{{ vault_pw }}",
            "********", "xxxxxxxx", "pass", "aaaa", "abc", "your_password_here", "example",
        ]
        for placeholder in placeholders {
            #expect(!Validator.password.isValid(placeholder), "\(placeholder)")
        }
    }

    @Test func base64DecodesBothAlphabetsWithOrWithoutPadding() {
        #expect(Base64.decode(Array("aGk=".utf8)) == Array("hi".utf8))
        #expect(Base64.decode(Array("aGk".utf8)) == Array("hi".utf8))
        #expect(Base64.decode(Array("-_8".utf8)) == [0xFB, 0xFF])
        #expect(Base64.decode(Array("+/8".utf8)) == [0xFB, 0xFF])
        #expect(Base64.decode(Array("a".utf8)) == nil)
        #expect(Base64.decode(Array("a!bc".utf8)) == nil)
        #expect(Base64.decode(Array("====".utf8)) == [])
    }
}
