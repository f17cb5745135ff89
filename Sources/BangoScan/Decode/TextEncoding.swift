import BangoCore

/// The text encodings bango decodes before matching. Matching itself runs on UTF-8, so
/// every other encoding is transcoded first and lines and columns refer to the decoded
/// text.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// Shift_JIS as Windows writes it (CP932: NEC and IBM extensions, ～ and − as
    /// Windows maps them), which is what Japanese CSV exports are.
    case shiftJIS = "shift_jis"
    case eucJP = "euc-jp"
    case iso2022JP = "iso-2022-jp"

    /// The name glibc's iconv knows the encoding by. The Windows and extended variants
    /// are supersets of the plain ones, so plain text decodes the same either way.
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .shiftJIS: "CP932"
        case .eucJP: "EUC-JP-MS"
        case .iso2022JP: "ISO-2022-JP-2"
        }
    }

    /// Parses the `--encoding` value: the names above, or common aliases.
    public init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "utf-16le", "utf16le": self = .utf16LE
        case "utf-16be", "utf16be": self = .utf16BE
        case "shift_jis", "shift-jis", "sjis", "cp932", "windows-31j": self = .shiftJIS
        case "euc-jp", "eucjp": self = .eucJP
        case "iso-2022-jp", "jis": self = .iso2022JP
        default: return nil
        }
    }
}
