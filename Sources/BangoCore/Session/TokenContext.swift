/// Judges a digit detector's match by the token around it, not only the byte beside it:
/// twelve digits that pass mod 11 are no My Number when they are the last group of a
/// UUID, a piece of a base64 run, a group of a hex dump or the tail of an order id.
///
/// The regexes' own lookarounds already refuse a letter or digit right beside a match;
/// what they cannot see is the structure one joiner (`-`, `_`, `+`, `/`, a space) away.
/// Only bytes near the match are read, a few dozen at most.
enum TokenContext {
    /// Whether `match` (a digit detector's whole match) belongs to a larger token.
    static func rejects(_ match: Range<Int>, in buffer: UnsafeRawBufferPointer) -> Bool {
        isInUUID(match, buffer) || isJoinedToToken(match, buffer) || isInBase64Run(match, buffer)
            || isInHexDump(match, buffer)
    }

    /// Inside `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex), in any of its groups.
    static func isInUUID(_ match: Range<Int>, _ buffer: UnsafeRawBufferPointer) -> Bool {
        let isUUIDByte = { (byte: UInt8) in isHex(byte) || byte == UInt8(ascii: "-") }
        guard match.count <= 36, buffer[match].allSatisfy(isUUIDByte) else { return false }
        let near = span(around: match, in: buffer, reach: 36, where: isUUIDByte)
        guard near.count >= 36 else { return false }
        let firstStart = max(near.lowerBound, match.upperBound - 36)
        let lastStart = min(match.lowerBound, near.upperBound - 36)
        guard firstStart <= lastStart else { return false }
        return (firstStart...lastStart).contains { start in
            (0..<36).allSatisfy { offset in
                let byte = buffer[start + offset]
                let isHyphenPlace = offset == 8 || offset == 13 || offset == 18 || offset == 23
                return isHyphenPlace ? byte == UInt8(ascii: "-") : isHex(byte)
            }
        }
    }

    /// Joined by `-` or `_` to a neighbouring word that holds a digit or is four
    /// characters or longer (`a716-…`, `ORDER-…`, `…_v2`): an identifier of something
    /// else. Short letter prefixes (`ID-`, `TEL-`) stay labels.
    static func isJoinedToToken(_ match: Range<Int>, _ buffer: UnsafeRawBufferPointer) -> Bool {
        let isJoiner = { (byte: UInt8) in byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") }
        if match.lowerBound >= 2, isJoiner(buffer[match.lowerBound - 1]), isAlphanumeric(buffer[match.lowerBound - 2]) {
            let word = span(
                around: (match.lowerBound - 2)..<(match.lowerBound - 1), in: buffer, reach: 16, where: isAlphanumeric)
            if isIdentifierWord(word, buffer) { return true }
        }
        if match.upperBound + 1 < buffer.count, isJoiner(buffer[match.upperBound]),
            isAlphanumeric(buffer[match.upperBound + 1])
        {
            let word = span(
                around: (match.upperBound + 1)..<(match.upperBound + 2), in: buffer, reach: 16, where: isAlphanumeric)
            if isIdentifierWord(word, buffer) { return true }
        }
        return false
    }

    /// Glued by `+`, `/` or `=` into a run of the base64 alphabet whose other characters
    /// look like base64: at least 16 of them, with capitals, small letters and a digit.
    /// A path (`/home/hr/…`) lacks the mix.
    static func isInBase64Run(_ match: Range<Int>, _ buffer: UnsafeRawBufferPointer) -> Bool {
        let isGlue = { (byte: UInt8) in byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") }
        let before = match.lowerBound > 0 && isGlue(buffer[match.lowerBound - 1])
        let after =
            match.upperBound < buffer.count && (isGlue(buffer[match.upperBound]) || buffer[match.upperBound] == 0x3D)
        guard before || after else { return false }
        let isBase64 = { (byte: UInt8) in isAlphanumeric(byte) || isGlue(byte) }
        let run = span(around: match, in: buffer, reach: 64, where: isBase64)
        var upper = 0
        var lower = 0
        var digits = 0
        for index in run where !match.contains(index) {
            switch buffer[index] {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            default: break
            }
        }
        return run.count - match.count >= 16 && upper >= 2 && lower >= 2 && digits >= 1
    }

    /// Grouped digits with a hex group beside them (`00a0: 3f 1234 5678 9018 be`): a dump.
    static func isInHexDump(_ match: Range<Int>, _ buffer: UnsafeRawBufferPointer) -> Bool {
        guard buffer[match].contains(0x20) else { return false }
        if match.lowerBound >= 2, buffer[match.lowerBound - 1] == 0x20 {
            let group = span(
                around: (match.lowerBound - 2)..<(match.lowerBound - 1), in: buffer, reach: 8, where: isHex)
            if isHexGroup(group, buffer) { return true }
        }
        if match.upperBound + 1 < buffer.count, buffer[match.upperBound] == 0x20 {
            let group = span(
                around: (match.upperBound + 1)..<(match.upperBound + 2), in: buffer, reach: 8, where: isHex)
            if isHexGroup(group, buffer) { return true }
        }
        return false
    }

    /// A dump's group: two or four hex digits, one of them a letter, alone between spaces
    /// or line ends.
    private static func isHexGroup(_ group: Range<Int>, _ buffer: UnsafeRawBufferPointer) -> Bool {
        guard group.count == 2 || group.count == 4, buffer[group].contains(where: { !isDigit($0) }) else {
            return false
        }
        let startsAlone = group.lowerBound == 0 || isGap(buffer[group.lowerBound - 1])
        let endsAlone = group.upperBound == buffer.count || isGap(buffer[group.upperBound])
        return startsAlone && endsAlone
    }

    /// A space, tab or line end.
    private static func isGap(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isIdentifierWord(_ word: Range<Int>, _ buffer: UnsafeRawBufferPointer) -> Bool {
        word.count >= 4 || buffer[word].contains(where: isDigit)
    }

    /// `seed` widened while `accepts` holds, at most `reach` bytes each way.
    private static func span(
        around seed: Range<Int>, in buffer: UnsafeRawBufferPointer, reach: Int, where accepts: (UInt8) -> Bool
    ) -> Range<Int> {
        var start = seed.lowerBound
        var end = seed.upperBound
        while start > 0, seed.lowerBound - start < reach, accepts(buffer[start - 1]) { start -= 1 }
        while end < buffer.count, end - seed.upperBound < reach, accepts(buffer[end]) { end += 1 }
        return start..<end
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }
}
