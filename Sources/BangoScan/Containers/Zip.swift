import Foundation
import ZIPFoundation

/// Reads zip archives (and the zip packages OOXML and ODF documents are) with
/// ZIPFoundation, plus one thing it does not expose: each central-directory record's
/// flags and raw name bytes, so encrypted members are recognised and names written in
/// CP932 without the UTF-8 flag (Japanese Windows' Explorer and old archivers) decode.
struct ZipArchive {
    static func isZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B
            && (bytes[2], bytes[3]) == (0x03, 0x04) || bytes.count >= 22 && bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    struct Member {
        /// The name as the archive stores it, decoded (UTF-8 flag, else UTF-8 when valid,
        /// else CP932 when it reads as Shift_JIS, else ZIPFoundation's CP437).
        var name: String
        var isEncrypted: Bool
        var isDirectory: Bool
        var isSymlink: Bool
        var compressedSize: Int
        var uncompressedSize: Int
        fileprivate var entry: Entry
    }

    private let archive: Archive
    let members: [Member]

    init(_ bytes: [UInt8]) throws(ContainerError) {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .corrupt("not a readable zip archive (\(error))")
        }
        self.archive = archive
        let records = Self.centralDirectory(bytes)
        var members: [Member] = []
        for (index, entry) in archive.enumerated() {
            let record = records.count > index ? records[index] : nil
            members.append(Member(
                name: record.map { Self.decodeName($0.name, utf8Flag: $0.flags & (1 << 11) != 0) } ?? entry.path,
                isEncrypted: (record?.flags ?? 0) & 1 != 0,
                isDirectory: entry.type == .directory,
                isSymlink: entry.type == .symlink,
                compressedSize: Int(clamping: entry.compressedSize),
                uncompressedSize: Int(clamping: entry.uncompressedSize),
                entry: entry))
        }
        self.members = members
    }

    /// A member's bytes, checked against the budget as they are inflated (sizes in the
    /// headers can lie) and against the stored CRC-32.
    func extract(_ member: Member, budget: inout UnpackBudget) throws(ContainerError) -> [UInt8] {
        if member.isEncrypted { throw .encrypted }
        var output: [UInt8] = []
        var failure: ContainerError? = nil
        var localBudget = budget
        do {
            _ = try archive.extract(member.entry, skipCRC32: false) { chunk in
                do throws(ContainerError) {
                    try localBudget.consume(chunk.count, memberSoFar: output.count + chunk.count,
                                            compressedSize: member.compressedSize)
                } catch {
                    failure = error
                    throw error
                }
                output.append(contentsOf: chunk)
            }
        } catch {
            budget = localBudget
            if let failure { throw failure }
            throw .corrupt("member could not be inflated (\(error))")
        }
        budget = localBudget
        return output
    }

    static func decodeName(_ raw: [UInt8], utf8Flag: Bool) -> String {
        if utf8Flag || EncodingDetector.isUTF8(raw) { return String(decoding: raw, as: UTF8.self) }
        if case .text(.shiftJIS, _) = EncodingDetector.detect(raw), let transcoder = Transcoder(encoding: .shiftJIS) {
            var decoded: [UInt8] = []
            _ = raw.withUnsafeBytes { transcoder.decode($0, isFinal: true, into: &decoded) }
            return String(decoding: decoded, as: UTF8.self)
        }
        // CP437, the zip default, as ZIPFoundation reads it: Latin letters mostly.
        return String(decoding: raw.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }

    /// Flags and raw names of the central directory's records, in order; empty when the
    /// directory cannot be found (ZIPFoundation then reports the archive itself).
    static func centralDirectory(_ bytes: [UInt8]) -> [(flags: UInt16, name: [UInt8])] {
        func u16(_ offset: Int) -> Int { offset + 2 <= bytes.count ? Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 : 0 }
        func u32(_ offset: Int) -> Int { u16(offset) | u16(offset + 2) << 16 }
        func u64(_ offset: Int) -> Int { u32(offset) | u32(offset + 4) << 32 }
        guard bytes.count >= 22 else { return [] }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { return [] }
        var count = u16(end + 10)
        var offset = u32(end + 16)
        if offset == 0xFFFF_FFFF || count == 0xFFFF, end >= 20, u32(end - 20) == 0x0706_4B50 {
            let record = u64(end - 20 + 8)  // ZIP64 end of central directory record
            if record >= 0, record + 56 <= bytes.count, u32(record) == 0x0606_4B50 {
                count = u64(record + 32)
                offset = u64(record + 48)
            }
        }
        var records: [(UInt16, [UInt8])] = []
        var position = offset
        for _ in 0..<min(count, 1_000_000) {
            guard position >= 0, position + 46 <= bytes.count, u32(position) == 0x0201_4B50 else { break }
            let nameLength = u16(position + 28)
            let extra = u16(position + 30), comment = u16(position + 32)
            guard position + 46 + nameLength <= bytes.count else { break }
            records.append((UInt16(u16(position + 8)), Array(bytes[(position + 46)..<(position + 46 + nameLength)])))
            position += 46 + nameLength + extra + comment
        }
        return records
    }
}
