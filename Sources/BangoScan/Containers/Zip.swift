import Foundation
import ZIPFoundation

/// Reads zip archives (and the zip packages OOXML and ODF documents are) with
/// ZIPFoundation, plus one thing it does not expose: each central-directory record's
/// flags and raw name bytes, so encrypted members are recognised and names written in
/// CP932 without the UTF-8 flag (Japanese Windows' Explorer and old archivers) decode.
struct ZipArchive {
    static func isZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B
            && (bytes[2], bytes[3]) == (0x03, 0x04)
            || bytes.count >= 22 && bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
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
        /// Nil for members ZIPFoundation cannot read (encrypted ones).
        fileprivate var entry: Entry?
    }

    private let archive: Archive
    let members: [Member]
    /// Central-directory records ZIPFoundation could not turn into entries (its reader
    /// stops at the first damaged one): named so the caller records them, never dropped.
    let unreadable: [String]
    /// Members the end record says the archive has, past those its central directory
    /// holds (a directory cut short, or an offset past the end): counted, never dropped.
    let missing: Int

    init(_ bytes: [UInt8]) throws(ContainerError) {
        let directory = Self.centralDirectory(bytes)
        // ZIPFoundation ends its walk at the first encrypted entry, which would hide every
        // member after it; it reads a copy whose directory lists the others only.
        var readable = bytes
        let encrypted = directory.records.filter { $0.flags & 1 != 0 }
        if !encrypted.isEmpty {
            guard
                let rebuilt = Self.directory(
                    of: bytes, keeping: directory.records.filter { $0.flags & 1 == 0 },
                    replacingFrom: directory.start)
            else { throw .corrupt("cannot list the members beside the encrypted ones") }
            readable = rebuilt
        }
        let archive = try Self.open(readable)
        self.archive = archive
        let records = directory.records.filter { $0.flags & 1 == 0 }
        var members: [Member] = []
        for (index, entry) in archive.enumerated() {
            let record = records.count > index ? records[index] : nil
            members.append(
                Member(
                    name: record.map { Self.decodeName($0.name, utf8Flag: $0.flags & (1 << 11) != 0) } ?? entry.path,
                    isEncrypted: false,
                    isDirectory: entry.type == .directory,
                    isSymlink: entry.type == .symlink,
                    compressedSize: Int(clamping: entry.compressedSize),
                    uncompressedSize: Int(clamping: entry.uncompressedSize),
                    entry: entry))
        }
        unreadable = records.dropFirst(members.count).map {
            Self.decodeName($0.name, utf8Flag: $0.flags & (1 << 11) != 0)
        }
        missing = max(0, directory.declared - directory.records.count)
        for record in encrypted {
            members.append(
                Member(
                    name: Self.decodeName(record.name, utf8Flag: record.flags & (1 << 11) != 0), isEncrypted: true,
                    isDirectory: false, isSymlink: false, compressedSize: 0, uncompressedSize: 0, entry: nil))
        }
        self.members = members
    }

    /// Opens `bytes` as an archive read from a file.
    ///
    /// ZIPFoundation's in-memory archives trap (a range check in its memory-file reader)
    /// when a damaged archive points past its end, which fuzzing found in minutes; its
    /// file-backed archives get a short read instead and report an error. So the bytes
    /// go to a private file (mode 0600, in /dev/shm when there is one, so it stays in
    /// memory), which is unlinked as soon as ZIPFoundation has opened it: the name is
    /// gone before any member is read, and the storage goes with the archive.
    static func open(_ bytes: [UInt8]) throws(ContainerError) -> Archive {
        guard let copy = PrivateCopy(bytes, prefix: "bango-zip") else {
            throw .corrupt("could not copy the archive to a private file")
        }
        defer { copy.remove() }
        do {
            return try Archive(url: URL(fileURLWithPath: copy.path), accessMode: .read)
        } catch {
            throw .corrupt("not a readable zip archive (\(error))")
        }
    }

    /// `bytes` with a new central directory holding only `records`, written where the
    /// old one started (local headers keep their offsets); nil when the counts or
    /// offsets do not fit a plain end record.
    static func directory(of bytes: [UInt8], keeping records: [DirectoryRecord], replacingFrom start: Int) -> [UInt8]? {
        guard start <= bytes.count, records.count < 0xFFFF, start < 0xFFFF_FFFF else { return nil }
        var output = Array(bytes[..<start])
        for record in records { output += bytes[record.range] }
        let size = output.count - start
        func append16(_ value: Int) { output += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func append32(_ value: Int) {
            append16(value & 0xFFFF)
            append16(value >> 16 & 0xFFFF)
        }
        append32(0x0605_4B50)
        append16(0)
        append16(0)
        append16(records.count)
        append16(records.count)
        append32(size)
        append32(start)
        append16(0)
        return output
    }

    /// A member's bytes, checked against the budget as they are inflated (sizes in the
    /// headers can lie) and against the stored CRC-32.
    func extract(_ member: Member, budget: inout UnpackBudget) throws(ContainerError) -> [UInt8] {
        guard let entry = member.entry, !member.isEncrypted else { throw .encrypted }
        var output: [UInt8] = []
        var failure: ContainerError? = nil
        var localBudget = budget
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                do throws(ContainerError) {
                    try localBudget.consume(
                        chunk.count, memberSoFar: output.count + chunk.count,
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
            // SAFETY: the view lives only for the decode call, over the name's own bytes.
            _ = raw.withUnsafeBytes { transcoder.decode($0, isFinal: true, into: &decoded) }
            return String(decoding: decoded, as: UTF8.self)
        }
        // CP437, the zip default, as ZIPFoundation reads it: Latin letters mostly.
        return String(decoding: raw.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }

    struct DirectoryRecord {
        var flags: UInt16
        var name: [UInt8]
        /// The record's bytes in the archive.
        var range: Range<Int>
    }

    /// The central directory's records in order, where the directory starts, and how
    /// many records the end record declares; no records when it cannot be found
    /// (ZIPFoundation then reports the archive itself).
    static func centralDirectory(_ bytes: [UInt8]) -> (records: [DirectoryRecord], start: Int, declared: Int) {
        func u16(_ offset: Int) -> Int {
            offset >= 0 && offset <= bytes.count - 2 ? Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 : 0
        }
        func u32(_ offset: Int) -> Int { u16(offset) | u16(offset + 2) << 16 }
        func u64(_ offset: Int) -> Int { u32(offset) | u32(offset + 4) << 32 }
        guard bytes.count >= 22 else { return ([], 0, 0) }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { return ([], 0, 0) }
        var count = u16(end + 10)
        var offset = u32(end + 16)
        if offset == 0xFFFF_FFFF || count == 0xFFFF, end >= 20, u32(end - 20) == 0x0706_4B50 {
            let record = u64(end - 20 + 8)  // ZIP64 end of central directory record
            if record >= 0, record <= bytes.count - 56, u32(record) == 0x0606_4B50 {
                count = u64(record + 32)
                offset = u64(record + 48)
            }
        }
        var records: [DirectoryRecord] = []
        var position = offset
        for _ in 0..<min(max(0, count), 1_000_000) {
            // Offsets come from the file: compare so that none can overflow.
            guard position >= 0, position <= bytes.count - 46, u32(position) == 0x0201_4B50 else { break }
            let nameLength = u16(position + 28)
            let length = 46 + nameLength + u16(position + 30) + u16(position + 32)
            guard length <= bytes.count - position else { break }
            records.append(
                DirectoryRecord(
                    flags: UInt16(u16(position + 8)),
                    name: Array(bytes[(position + 46)..<(position + 46 + nameLength)]),
                    range: position..<(position + length)))
            position += length
        }
        return (records, offset, count)
    }
}
