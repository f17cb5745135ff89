import BangoCore

/// Reads tar archives (POSIX ustar, GNU long names, pax `path` records).
enum Tar {
    /// A ustar or GNU tar header: "ustar" at offset 257.
    static func isTar(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 512 && Array(bytes[257..<262]) == Array("ustar".utf8)
    }

    struct Member {
        var name: [UInt8]
        var content: ArraySlice<UInt8>
    }

    /// Calls `body` with each regular file in order. Directories, links and devices are
    /// passed over (links are reported through `skipped`). A bad header checksum or a
    /// member cut short ends the walk with `corrupt`, after the members before it.
    static func forEachMember(
        _ bytes: [UInt8], skipped: (_ name: [UInt8], _ reason: TargetReason) -> Void,
        _ body: (Member) throws(ContainerError) -> Void
    ) throws(ContainerError) {
        var offset = 0
        var longName: [UInt8]? = nil
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<(offset + 512)]
            if header.allSatisfy({ $0 == 0 }) { return }  // end-of-archive blocks
            guard checksumMatches(header) else { throw .corrupt("bad tar header checksum at byte \(offset)") }
            guard let size = number(header, 124, 12) else { throw .corrupt("bad tar size field at byte \(offset)") }
            let type = header[header.startIndex + 156]
            let dataStart = offset + 512
            // Compared this way round so a hostile size cannot overflow the sum.
            guard size <= bytes.count - dataStart else { throw .corrupt("tar member cut short at byte \(offset)") }
            let content = bytes[dataStart..<(dataStart + size)]
            offset = dataStart + (size + 511) / 512 * 512
            switch type {
            case UInt8(ascii: "L"):  // GNU: the next member's long name
                longName = Array(content.prefix { $0 != 0 })
                continue
            case UInt8(ascii: "x"):  // pax: per-member records, `path` among them
                longName = paxPath(content) ?? longName
                continue
            case UInt8(ascii: "g"):
                continue
            default:
                break
            }
            let name = longName ?? headerName(header)
            longName = nil
            switch type {
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                try body(Member(name: name, content: content))
            case UInt8(ascii: "1"), UInt8(ascii: "2"):
                skipped(name, .unsupportedMember)
            default:
                continue  // directories, devices, FIFOs: nothing to read
            }
        }
        if offset < bytes.count { throw .corrupt("tar archive cut short") }
    }

    /// `prefix/name` from the ustar fields.
    static func headerName(_ header: ArraySlice<UInt8>) -> [UInt8] {
        let base = header.startIndex
        let name = Array(header[base..<(base + 100)].prefix { $0 != 0 })
        let prefix = Array(header[(base + 345)..<(base + 500)].prefix { $0 != 0 })
        return prefix.isEmpty ? name : prefix + [UInt8(ascii: "/")] + name
    }

    /// An octal field, or GNU's base-256 form (high bit set) for large sizes.
    static func number(_ header: ArraySlice<UInt8>, _ start: Int, _ length: Int) -> Int? {
        let field = header[(header.startIndex + start)..<(header.startIndex + start + length)]
        if let first = field.first, first & 0x80 != 0 {
            var value = Int(first & 0x7F)
            for byte in field.dropFirst() {
                guard value < Int.max >> 8 else { return nil }
                value = value << 8 | Int(byte)
            }
            return value
        }
        var value = 0
        var sawDigit = false
        for byte in field {
            if byte == 0 || byte == 0x20 {
                if sawDigit { break } else { continue }
            }
            guard byte >= 0x30 && byte <= 0x37, value < Int.max >> 3 else { return nil }
            value = value * 8 + Int(byte - 0x30)
            sawDigit = true
        }
        return value
    }

    /// The header checksum: the sum of its bytes with the checksum field as spaces.
    static func checksumMatches(_ header: ArraySlice<UInt8>) -> Bool {
        guard let stored = number(header, 148, 8) else { return false }
        var sum = 0
        for (index, byte) in header.enumerated() { sum += (148..<156).contains(index) ? 0x20 : Int(byte) }
        return sum == stored
    }

    /// The `path` record of a pax extended header ("LEN path=VALUE\n").
    static func paxPath(_ content: ArraySlice<UInt8>) -> [UInt8]? {
        var records = content[...]
        while let space = records.firstIndex(of: 0x20),
            let length = Int(String(decoding: records[records.startIndex..<space], as: UTF8.self)),
            length > space - records.startIndex + 1, length <= records.endIndex - records.startIndex
        {
            let record = records[(space + 1)..<(records.startIndex + length)]
            let key = Array("path=".utf8)
            if record.starts(with: key) { return Array(record.dropFirst(key.count).dropLast()) }
            records = records[(records.startIndex + length)...]
        }
        return nil
    }
}
