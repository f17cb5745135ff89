import BangoCore
import BangoTestSupport
import Foundation
import Testing

@testable import BangoScan

/// The tar reader, on archives GNU tar writes and on damaged ones.
@Suite struct TarTests {
    static func members(_ bytes: [UInt8]) throws(ContainerError) -> (names: [String], contents: [String]) {
        var names: [String] = []
        var contents: [String] = []
        let skipped: ([UInt8], TargetReason) -> Void = { name, _ in
            names.append("skipped " + String(decoding: name, as: UTF8.self))
        }
        try Tar.forEachMember(bytes, skipped: skipped) { member in
            names.append(String(decoding: member.name, as: UTF8.self))
            contents.append(String(decoding: member.content, as: UTF8.self))
        }
        return (names, contents)
    }

    static func ignoreSkips(_ name: [UInt8], _ reason: TargetReason) {}

    /// A folder with a long path (past ustar's 100-byte name), a symlink and two files.
    static func tree() -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        folder.write("a.txt", "first\n")
        folder.write(String(repeating: "deep/", count: 30) + "b.txt", "second\n")
        try? FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: "a.txt")
        return folder
    }

    @Test(arguments: ["gnu", "pax", "ustar"])
    func archivesTheRealTarWritesAreRead(format: String) throws {
        let folder = Self.tree()
        let names =
            format == "ustar" ? ["a.txt", "link"] : ["a.txt", String(repeating: "deep/", count: 30) + "b.txt", "link"]
        let archive = try runTool(["tar", "--format=\(format)", "-cf", "-"] + names, in: folder.path)
        #expect(Tar.isTar(archive))
        let read = try Self.members(archive)
        #expect(read.names == names.filter { $0 != "link" } + ["skipped link"])
        #expect(read.contents == (format == "ustar" ? ["first\n"] : ["first\n", "second\n"]))
    }

    @Test func aBadHeaderChecksumIsCorruptAfterTheMembersBeforeIt() {
        var archive = Fixture.tar([("one.txt", Array("1\n".utf8)), ("two.txt", Array("2\n".utf8))])
        archive[1024 + 10] ^= 0x01  // the second header's name
        var seen: [String] = []
        #expect(throws: ContainerError.corrupt("bad tar header checksum at byte 1024")) {
            try Tar.forEachMember(archive, skipped: Self.ignoreSkips) { member in
                seen.append(String(decoding: member.name, as: UTF8.self))
            }
        }
        #expect(seen == ["one.txt"])
    }

    @Test func aMemberCutShortIsCorrupt() {
        let archive = Fixture.tar([("big.txt", [UInt8](repeating: 0x41, count: 5000))])
        #expect(throws: ContainerError.corrupt("tar member cut short at byte 0")) {
            try Tar.forEachMember(Array(archive[0..<2000]), skipped: Self.ignoreSkips) { _ in }
        }
    }

    /// A size field claiming more than Int can hold must not overflow.
    @Test func aHostileSizeFieldIsRejected() {
        var header = Array(Fixture.tar([("x", [])])[0..<512])
        for index in 124..<136 { header[index] = 0xFF }  // base-256, all ones
        #expect(Tar.number(header[...], 124, 12) == nil)
        #expect(Tar.number(Array("00000000017\0".utf8)[...], 0, 12) == 15)
        #expect(Tar.number(Array("0000000001x\0".utf8)[...], 0, 12) == nil)
    }

    @Test func paxPathRecordsAreParsed() {
        let record = Array("28 path=dir/a long name.txt\n".utf8)
        #expect(Tar.paxPath(record[...]).map { String(decoding: $0, as: UTF8.self) } == "dir/a long name.txt")
        #expect(Tar.paxPath(Array("99 path=short\n".utf8)[...]) == nil)  // length past the end
    }
}
