import Foundation

/// The frequency model that picks which three-byte window of a pattern the portable
/// pass watches: the rarer the window in text, the fewer false marks to verify.
extension LiteralScanner {
    /// The offset of the window the frequency model thinks rarest in text.
    static func rarestWindow(in bytes: [UInt8]) -> Int {
        let offsets = 0...(bytes.count - windowLength)
        return offsets.min { windowCost(bytes, at: $0) < windowCost(bytes, at: $1) } ?? 0
    }

    /// The estimated log2 probability of the window at a text position (lower is
    /// rarer), from a rough model of text and code. Letters are taken case-folded, as
    /// the hash sees them. Japanese characters (three bytes in UTF-8) are ranked as a
    /// whole when the window holds exactly one: kana, punctuation and the commonest
    /// kanji of business text (年, 日, 番, 号, 会, 社, …) fill documents, most other kanji
    /// are individually rare. A window that straddles two characters matches wherever
    /// the first ends in one byte and the second falls in one block of 64: in between.
    static func windowCost(_ bytes: [UInt8], at offset: Int) -> Double {
        let first = bytes[offset]
        if first >= 0xE3 && first <= 0xE9 {
            let character = String(decoding: bytes[offset..<(offset + 3)], as: UTF8.self)
            guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return -8 }
            if (0x3000...0x30FF).contains(scalar.value) { return -5 }  // kana, 、。「」
            return commonKanji.contains(Character(scalar)) ? -7 : -11
        }
        if first & 0xC0 == 0x80 { return -8 }  // straddles two characters
        return (0..<windowLength).reduce(0) { $0 + logFrequency(bytes[offset + $1]) }
    }

    /// Kanji that business documents use on nearly every page; a window on one of them
    /// would be verified at every occurrence.
    static let commonKanji: Set<Character> = Set(
        "日年月人番号会社者事業所名住電話金額円時分前後本中出入上下大小新書類提送付確認内容以内外様当者業務")

    /// English letter frequencies in tenths of a percent (a 12.7, … z 0.07).
    static let letterFrequency: [Double] = [
        82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1,
    ]

    /// The log2 share of one byte in prose, logs and code (letters about 60 % of them).
    static func logFrequency(_ byte: UInt8) -> Double {
        let share: Double
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
            share = letterFrequency[Int((byte | 0x20) - 97)] / 1000 * 0.6
        case UInt8(ascii: " "): share = 0.15
        case 0x0A, UInt8(ascii: "0")...UInt8(ascii: "9"): share = 0.02
        case UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "\""), UInt8(ascii: "'"),
            UInt8(ascii: "."), UInt8(ascii: ","):
            share = 0.01
        case UInt8(ascii: "_"), UInt8(ascii: "="): share = 0.003
        case UInt8(ascii: "@"), UInt8(ascii: "$"), UInt8(ascii: "#"), UInt8(ascii: "~"), UInt8(ascii: "^"),
            UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "\\"):
            share = 0.0005
        case 0x80...: share = 0.02
        default: share = 0.002
        }
        return log2(share)
    }
}
