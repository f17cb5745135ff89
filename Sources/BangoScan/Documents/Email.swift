import BangoCore

/// Saved e-mail (`.eml`, RFC 5322 with MIME): headers, text parts decoded from base64 or
/// quoted-printable and from their charset (ISO-2022-JP, Shift_JIS, EUC-JP, UTF-8),
/// and attachments handed back to be scanned as members.
enum Email {
    /// A `.eml` name, or a first header block that declares MIME.
    static func looksLikeMessage(_ head: [UInt8], name: String) -> Bool {
        if name.lowercased().hasSuffix(".eml") { return true }
        // Every file's head passes through here: only a first line that is a header
        // field (`Name: value`, the name letters, digits and hyphens) earns a closer look.
        guard let colon = head.prefix(78).firstIndex(of: UInt8(ascii: ":")), colon > 0,
            head[..<colon].allSatisfy({ Self.isFieldNameByte($0) })
        else { return false }
        let text = String(decoding: head.prefix(4096), as: UTF8.self).lowercased()
            .replacingOccurrences(of: "\r\n", with: "\n")
        // A leading newline, so a field on the first line is found like the others.
        let headerBlock = "\n" + (text.components(separatedBy: "\n\n").first ?? text)
        return headerBlock.hasPrefix("\nreturn-path:") || headerBlock.hasPrefix("\nreceived:")
            || headerBlock.contains("\nmime-version:") && headerBlock.contains("\nfrom:")
    }

    static func isFieldNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39 || byte == UInt8(ascii: "-")
    }

    struct Message {
        var texts: [ExtractedText] = []
        var attachments: [(name: String, bytes: [UInt8])] = []
        /// Parts that could not be decoded as declared.
        var problems: [String] = []
    }

    /// Splits a message into its texts and attachments. `decode` turns bytes in a
    /// charset into UTF-8 (nil when the charset is unknown: the bytes are kept).
    static func parse(_ bytes: [UInt8], decode: (_ bytes: [UInt8], _ charset: String) -> [UInt8]?) -> Message {
        var message = Message()
        var counter = 0
        walk(ArraySlice(bytes), depth: 0, isTopLevel: true, counter: &counter, decode: decode, into: &message)
        return message
    }

    private static func walk(
        _ entity: ArraySlice<UInt8>, depth: Int, isTopLevel: Bool, counter: inout Int,
        decode: ([UInt8], String) -> [UInt8]?, into message: inout Message
    ) {
        guard depth < 32 else {
            message.problems.append("MIME parts nested deeper than 32")
            return
        }
        let (headers, body) = split(entity)
        counter += 1
        let partName = isTopLevel ? "body" : "part \(counter)"
        if isTopLevel {
            // Who and what: names and addresses in From/To/Cc, numbers in a Subject.
            var text = ExtractedText(part: "headers")
            for (name, value) in headers where ["subject", "from", "to", "cc", "reply-to"].contains(name) {
                text.append(name.capitalized + ": " + decodeWords(value, decode: decode) + "\n")
            }
            message.texts.append(text)
        }
        let contentType = parameters(headers.first { $0.0 == "content-type" }?.1 ?? "text/plain")
        let disposition = parameters(headers.first { $0.0 == "content-disposition" }?.1 ?? "")
        let encoding = (headers.first { $0.0 == "content-transfer-encoding" }?.1 ?? "7bit").trimmed.lowercased()
        let type = contentType.value.lowercased()

        if type.hasPrefix("multipart/"), let boundary = contentType.parameters["boundary"] {
            for part in parts(of: body, boundary: Array(boundary.utf8)) {
                walk(part, depth: depth + 1, isTopLevel: false, counter: &counter, decode: decode, into: &message)
            }
            return
        }
        let content: [UInt8]
        switch encoding {
        case "base64": content = base64(body)
        case "quoted-printable": content = quotedPrintable(body)
        default: content = Array(body)
        }
        let filename = disposition.parameters["filename"] ?? contentType.parameters["name"]
        if type == "message/rfc822" && filename == nil {
            walk(
                ArraySlice(content), depth: depth + 1, isTopLevel: true, counter: &counter, decode: decode,
                into: &message)
        } else if type.hasPrefix("text/") && filename == nil && disposition.value.lowercased() != "attachment" {
            let charset = contentType.parameters["charset"]?.lowercased() ?? "us-ascii"
            var text = ExtractedText(part: partName)
            if let decoded = decode(content, charset) {
                text.text = decoded
            } else {
                text.text = content
                // The name comes from the message: only a charset-like name is repeated in
                // the manifest, never arbitrary header text.
                let shown =
                    charset.count <= 40
                        && charset.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) })
                        && charset.contains(where: \.isLetter) ? charset : "(not a charset name)"
                message.problems.append("\(partName): unknown charset \(shown), scanned as bytes")
            }
            message.texts.append(text)
        } else {
            message.attachments.append((decodeWords(filename ?? "\(partName).bin", decode: decode), content))
        }
    }

    /// Header fields (lower-cased names, unfolded values) and the body after the blank line.
    static func split(_ entity: ArraySlice<UInt8>) -> ([(String, String)], ArraySlice<UInt8>) {
        var headers: [(String, String)] = []
        var index = entity.startIndex
        var current: (String, String)? = nil
        while index < entity.endIndex {
            let lineEnd = entity[index...].firstIndex(of: 0x0A) ?? entity.endIndex
            var line = entity[index..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            index = min(entity.endIndex, lineEnd + 1)
            if line.isEmpty { break }
            if line.first == 0x20 || line.first == 0x09 {
                current?.1 += " " + String(decoding: line, as: UTF8.self).trimmed
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                if let current { headers.append(current) }
                current = (
                    String(decoding: line[..<colon], as: UTF8.self).trimmed.lowercased(),
                    String(decoding: line[(colon + 1)...], as: UTF8.self).trimmed
                )
            }
        }
        if let current { headers.append(current) }
        return (headers, entity[index...])
    }

    /// `type/subtype; name="value"; …` (RFC 2231's `name*=charset''value` too).
    static func parameters(_ field: String) -> (value: String, parameters: [String: String]) {
        var pieces = field.split(separator: ";", omittingEmptySubsequences: true).map { String($0).trimmed }
        let value = pieces.isEmpty ? "" : pieces.removeFirst()
        var result: [String: String] = [:]
        for piece in pieces {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            var name = piece[..<equals].trimmed.lowercased()
            var text = piece[piece.index(after: equals)...].trimmed
            if text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2 {
                text = String(text.dropFirst().dropLast())
            }
            if name.hasSuffix("*") {
                name.removeLast()
                if let quote = text.range(of: "''") {
                    text = String(text[quote.upperBound...]).removingPercentEncodingLossy
                }
            }
            result[name] = text
        }
        return (value, result)
    }

    /// The body parts between `--boundary` lines.
    static func parts(of body: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>] {
        let marker = [UInt8(ascii: "-"), UInt8(ascii: "-")] + boundary
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int? = nil
        var index = body.startIndex
        while index < body.endIndex {
            let lineEnd = body[index...].firstIndex(of: 0x0A) ?? body.endIndex
            let line = body[index..<lineEnd]
            if line.starts(with: marker) {
                if let start = partStart { parts.append(body[start..<max(start, index - 1)]) }
                let isClosing = line.dropFirst(marker.count).starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                if isClosing { return parts }
                partStart = min(body.endIndex, lineEnd + 1)
            }
            index = min(body.endIndex, lineEnd + 1)
        }
        if let start = partStart, start < body.endIndex { parts.append(body[start...]) }  // no closing boundary
        return parts
    }

    static func base64(_ body: ArraySlice<UInt8>) -> [UInt8] {
        Base64.decode(body, skippingOthers: true) ?? []
    }

    static func quotedPrintable(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var index = body.startIndex
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 48
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 55
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 87
            default: nil
            }
        }
        while index < body.endIndex {
            let byte = body[index]
            if byte == UInt8(ascii: "=") {
                let next = body.index(after: index)
                if next < body.endIndex, body[next] == 0x0A {  // soft line break
                    index = body.index(after: next)
                    continue
                }
                if next + 1 < body.endIndex, body[next] == 0x0D, body[next + 1] == 0x0A {
                    index = next + 2
                    continue
                }
                if next + 1 < body.endIndex, let high = hex(body[next]), let low = hex(body[next + 1]) {
                    output.append(high << 4 | low)
                    index = next + 2
                    continue
                }
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    /// RFC 2047 encoded words (`=?ISO-2022-JP?B?…?=`), as Japanese mail writes subjects
    /// and names.
    static func decodeWords(_ value: String, decode: ([UInt8], String) -> [UInt8]?) -> String {
        var bytes = Array(value.utf8)[...]
        var output: [UInt8] = []
        while let start = bytes.firstIndex(of: UInt8(ascii: "=")) {
            let rest = bytes[start...]
            // =?charset?B|Q?text?= : the text ends at the first "?=" after the third "?".
            // An encoded word is at most 75 characters (RFC 2047), so look no further:
            // a header full of "=?" cannot make this quadratic.
            let marks = rest.prefix(256).indices.filter { rest[$0] == UInt8(ascii: "?") }.prefix(3)
            guard rest.count > 2, rest[start + 1] == UInt8(ascii: "?"), marks.count == 3,
                let end = rest[(marks[marks.startIndex + 2] + 1)...].prefix(256).firstRange(of: Array("?=".utf8))?
                    .lowerBound
            else {
                output += bytes[...start]
                bytes = bytes[(start + 1)...]
                continue
            }
            let word = String(decoding: rest[(start + 2)..<end], as: UTF8.self).split(
                separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
            guard word.count == 3 else {
                output += bytes[...start]
                bytes = bytes[(start + 1)...]
                continue
            }
            // Whitespace between two encoded words is not part of the text.
            let before = bytes[..<start]
            if !(before.allSatisfy { $0 == 0x20 || $0 == 0x09 } && output.last != nil) { output += before }
            let payload = ArraySlice(Array(word[2].utf8))
            let raw =
                word[1].uppercased() == "B"
                ? base64(payload) : quotedPrintable(ArraySlice(payload.map { $0 == UInt8(ascii: "_") ? 0x20 : $0 }))
            output += decode(raw, String(word[0]).lowercased()) ?? raw
            bytes = bytes[(end + 2)...]
        }
        output += bytes
        return String(decoding: output, as: UTF8.self)
    }
}

extension StringProtocol {
    var trimmed: String {
        String(
            drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
                .reversed())
    }

    /// `%XX` sequences decoded; invalid ones left as they are.
    var removingPercentEncodingLossy: String {
        var output: [UInt8] = []
        let bytes = Array(utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                output.append(value)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
