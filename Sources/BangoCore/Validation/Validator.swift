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
    /// A GitHub token of the 2021 formats (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`): its
    /// last six characters are the CRC32 of the 30 before them, in base62.
    case githubToken = "github_token"
    /// A GitLab token: a routable one's last seven characters are the CRC32 of the rest
    /// in base36 (classic tokens carry no checksum and pass).
    case gitlabToken = "gitlab_token"
    /// An npm access token (`npm_`): npm adopted GitHub's format, so the same check.
    case npmToken = "npm_token"
    /// A bech32 string (BIP-173) whose six-character checksum holds: age secret keys.
    case bech32 = "bech32"
    /// A Discord bot token: its first part is a base64 user id (17-20 digits).
    case discordBotToken = "discord_bot_token"
    /// HTTP Basic credentials: base64 of `user:password`, the password no placeholder.
    case basicCredential = "basic_credential"
    /// A password in a URL or connection string that is not a placeholder or template.
    case password = "password"

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
        case .githubToken, .npmToken: Validators.hasGitHubChecksum(value)
        case .gitlabToken: Validators.hasGitLabChecksum(value)
        case .bech32: Validators.hasBech32Checksum(value)
        case .discordBotToken: Validators.isDiscordBotToken(value)
        case .basicCredential: Validators.isBasicCredential(value)
        case .password: Validators.isPlausiblePassword(value)
        }
    }

    /// Convenience for tests and tools: validates a Swift string.
    public func isValid(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        // SAFETY: the pointer lives only for the call, over an array this function owns.
        return bytes.withUnsafeBufferPointer { isValid($0) }
    }
}
