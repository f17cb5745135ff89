import BangoTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The hostile inputs, by kind. Folder sweeps record skips and exit 0 unless content
/// they hold went unread and `--fail-on-skip` is asked; a target that could not be read
/// is exit 2; a bad flag, pack or config is exit 2 with where it is wrong.
enum HostileCases {
    static let labelled = HostileCase.labelled

    static let special: [HostileCase] = [
        HostileCase(
            name: "FIFO in a tree", expected: "skipped (fifo), no hang, exit 0", arguments: ["scan", "share"],
            status: 0,
            says: ["FIFO: 1"]
        ) { tree in
            tree.write("share/a.txt", "nothing here\n")
            _ = mkfifo(tree.path + "/share/pipe", 0o644)
        },
        HostileCase(
            name: "socket in a tree", expected: "skipped (socket), exit 0", arguments: ["scan", "share"], status: 0,
            says: ["socket: 1"]
        ) { tree in
            tree.write("share/a.txt", "nothing here\n")
            UnixSocket.bind(at: tree.path + "/share/s.sock")
        },
        HostileCase(
            name: "device named on the command line", expected: "skipped (device), exit 0",
            arguments: ["scan", "/dev/zero"], status: 0, says: ["device: 1"]
        ) { _ in },
        HostileCase(
            name: "symbolic link loop, --follow", expected: "skipped (symlink_loop), exit 0",
            arguments: ["scan", "--follow", "share"], status: 0, says: ["symbolic link loop: 1"]
        ) { tree in
            tree.write("share/d/a.txt", "nothing\n")
            _ = symlink("..", tree.path + "/share/d/up")
        },
        HostileCase(
            name: "unreadable file", expected: "failed (unreadable), the rest scanned, exit 2",
            arguments: ["scan", "share"], status: 2, says: ["unreadable: 1"], asNobody: true
        ) { tree in
            tree.write("share/ok.txt", "nothing\n")
            chmod(tree.write("share/locked.txt", labelled), 0)
        },
        HostileCase(
            name: "unreadable folder", expected: "failed (unreadable), the rest scanned, exit 2",
            arguments: ["scan", "share"], status: 2, says: ["unreadable: 1"], asNobody: true
        ) { tree in
            tree.write("share/ok.txt", "nothing\n")
            tree.write("share/closed/x.txt", labelled)
            chmod(tree.path + "/share/closed", 0)
        },
    ]

    static let text: [HostileCase] = [
        HostileCase(
            name: "1 GiB single line", expected: "scanned in bounded memory, the number at its end found, exit 1",
            arguments: ["scan", "--format", "jsonl", "big.txt"], status: 1, says: ["1 finding ("], seconds: 120,
            memoryMiB: 100
        ) { tree in
            tree.writeRepeated("big.txt", byte: UInt8(ascii: "a"), count: 1 << 30, then: " " + labelled)
        },
        HostileCase(
            name: "invalid UTF-8", expected: "decoded with replacements noted, the number found, exit 1",
            arguments: ["scan", "bad.txt"], status: 1, says: ["1 finding ("]
        ) { tree in
            // An overlong NUL, a lone surrogate and a stray continuation byte, before the number.
            tree.write(
                "bad.txt", bytes: Array("注文 ".utf8) + [0xC0, 0x80, 0xED, 0xA0, 0x80, 0x80, 0x0A] + Array(labelled.utf8))
        },
        HostileCase(
            name: "invalid Shift_JIS", expected: "decoded with replacements, the number found, exit 1",
            arguments: ["scan", "--encoding", "shift_jis", "bad.txt"], status: 1, says: ["1 finding ("]
        ) { tree in
            tree.write("bad.txt", bytes: [0x81, 0xFF, 0x0A, 0xA0] + encode(labelled, as: "CP932") + [0x82])
        },
        HostileCase(
            name: "UTF-16LE of odd length with a lone surrogate",
            expected: "decoded with replacements, the number found, exit 1", arguments: ["scan", "odd.txt"],
            status: 1, says: ["1 finding ("]
        ) { tree in
            tree.write(
                "odd.txt", bytes: [0xFF, 0xFE, 0x00, 0xD8, 0x0A, 0x00] + encode(labelled, as: "UTF-16LE") + [0x41])
        },
    ]

    static let containers: [HostileCase] = [
        HostileCase(
            name: "zip bomb (ratio)", expected: "member skipped (archive_limit), exit 0; 2 with --fail-on-skip",
            arguments: ["scan", "bomb.zip"], status: 0, says: ["past an archive limit: 1"]
        ) { tree in
            tree.write("bomb.zip", bytes: Fixture.zip([("zeros.txt", [UInt8](repeating: 0x30, count: 64 << 20))]))
        },
        HostileCase(
            name: "zip bomb (ratio), --fail-on-skip", expected: "exit 2, the skip named",
            arguments: ["scan", "--fail-on-skip", "bomb.zip"], status: 2,
            says: ["past an archive limit: 1", "--no-fail-on-skip to accept"]
        ) { tree in
            tree.write("bomb.zip", bytes: Fixture.zip([("zeros.txt", [UInt8](repeating: 0x30, count: 64 << 20))]))
        },
        HostileCase(
            name: "zip nested 50 deep", expected: "stops at depth 8 (archive_limit), exit 0",
            arguments: ["scan", "deep.zip"], status: 0, says: ["past an archive limit: 1"]
        ) { tree in
            var bytes = Fixture.zip([("n.txt", labelled)])
            for _ in 0..<50 { bytes = Fixture.zip([("n.zip", bytes)]) }
            tree.write("deep.zip", bytes: bytes)
        },
        HostileCase(
            name: "zip with a corrupt central directory", expected: "failed (corrupt), exit 2",
            arguments: ["scan", "broken.zip"], status: 2, says: ["corrupt or truncated"]
        ) { tree in
            var bytes = Fixture.zip([("a.txt", labelled)])
            // The end-of-central-directory record's offset field points past the file.
            if let end = bytes.lastRange(of: [0x50, 0x4B, 0x05, 0x06]) {
                for index in 16..<20 { bytes[end.lowerBound + index] = 0xFF }
            }
            tree.write("broken.zip", bytes: bytes)
        },
        HostileCase(
            name: "zip-slip member names", expected: "scanned by name, nothing written, exit 1",
            arguments: ["scan", "slip.zip"], status: 1, says: ["1 finding ("]
        ) { tree in
            tree.write("slip.zip", bytes: Fixture.zip([("../../../../etc/cron.d/x", labelled)]))
        },
        HostileCase(
            name: "zip of 3,000 overlapping entries, --max-archive-bytes 64M",
            expected: "stops at the total-bytes limit (archive_limit), exit 0",
            arguments: ["scan", "--max-archive-bytes", "64M", "overlap.zip"], status: 0, says: ["past an archive limit"]
        ) { tree in
            tree.write("overlap.zip", bytes: overlapping(copies: 3000))
        },
        HostileCase(
            name: "workbook with a 32 MiB shared string",
            expected: "scanned in bounded memory, the number in it found, exit 1",
            arguments: ["scan", "big.xlsx"], status: 1, says: ["1 finding ("], seconds: 60, memoryMiB: 400
        ) { tree in
            // Letters from a seeded generator: they do not compress past the ratio limit, so
            // the string is parsed, not skipped.
            var generator = SyntheticIdentifiers(seed: 32)
            let letters = (0..<(32 << 20)).map { _ in UInt8(ascii: "a") + UInt8(generator.int(in: 0...25)) }
            let cell = String(decoding: letters, as: UTF8.self) + " " + labelled
            tree.write("big.xlsx", bytes: Fixture.xlsx([("Sheet1", [["note"], [cell]])]))
        },
        HostileCase(
            name: "encrypted zip member", expected: "failed (encrypted), exit 2", arguments: ["scan", "locked.zip"],
            status: 2, says: ["encrypted: 1"]
        ) { tree in
            tree.write("locked.zip", bytes: Fixture.markEncrypted(Fixture.zip([("a.txt", labelled)])))
        },
        HostileCase(
            name: "tar with a huge size field", expected: "failed (corrupt), exit 2", arguments: ["scan", "huge.tar"],
            status: 2, says: ["corrupt or truncated"]
        ) { tree in
            var bytes = Fixture.tar([("a.txt", Array(labelled.utf8))])
            // The size field (octal, offset 124) claims 64 GiB.
            for (index, byte) in "77777777777".utf8.enumerated() { bytes[124 + index] = byte }
            tree.write("huge.tar", bytes: bytes)
        },
        HostileCase(
            name: "corrupt gzip", expected: "failed (corrupt), what decoded before it scanned, exit 2",
            arguments: ["scan", "bad.gz"], status: 2, says: ["corrupt or truncated"]
        ) { tree in
            let bytes = Fixture.gzip(Array(String(repeating: labelled, count: 100).utf8))
            tree.write("bad.gz", bytes: Array(bytes.prefix(bytes.count / 2)) + [UInt8](repeating: 0x55, count: 64))
        },
    ]

    static let documents: [HostileCase] = [
        HostileCase(
            name: "OOXML with malformed XML", expected: "failed (corrupt), exit 2", arguments: ["scan", "bad.docx"],
            status: 2, says: ["corrupt or truncated"]
        ) { tree in
            tree.write(
                "bad.docx",
                bytes: Fixture.zip([
                    ("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document><w:body><w:p>\(labelled)"),
                ]))
        },
        HostileCase(
            name: "PDF with a broken body", expected: "failed (corrupt), exit 2", arguments: ["scan", "bad.pdf"],
            status: 2, says: ["corrupt or truncated"]
        ) { tree in
            tree.write(
                "bad.pdf", bytes: Array("%PDF-1.7\n1 0 obj << /Length 999999 >> stream\n".utf8) + [0xFF, 0x00, 0x13])
        },
        HostileCase(
            name: "PDF encrypted with a user password", expected: "failed (encrypted), exit 2",
            arguments: ["scan", "locked.pdf"], status: 2, says: ["locked.pdf: encrypted"]
        ) { tree in try encryptedPDF(tree, name: "locked.pdf", userPassword: "secret") },
        HostileCase(
            name: "PDF with an owner password only", expected: "decrypted and scanned, exit 1",
            arguments: ["scan", "owner.pdf"], status: 1, says: ["1 finding"]
        ) { tree in try encryptedPDF(tree, name: "owner.pdf", userPassword: "") },
        HostileCase(
            name: "e-mail with 300 nested multiparts", expected: "bounded; what it holds scanned or the limit recorded",
            arguments: ["scan", "deep.eml"], status: 0, says: [], seconds: 30
        ) { tree in
            var body = "Content-Type: text/plain\r\n\r\nnothing\r\n"
            for level in 0..<300 {
                body =
                    "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n" + body
                    + "\r\n--b\(level)--\r\n"
            }
            tree.write("deep.eml", "From: someone\r\nSubject: x\r\nMIME-Version: 1.0\r\n" + body)
        },
    ]

    static let configuration: [HostileCase] = [
        HostileCase(
            name: "catastrophic user regex", expected: "refused when the pack loads, with the rule, exit 2",
            arguments: ["scan", "--patterns", "pack.yaml", "a.txt"], status: 2,
            says: ["pack.yaml", "evil.backtrack", "backtrack"]
        ) { tree in
            tree.write("a.txt", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n")
            tree.write(
                "pack.yaml",
                """
                pack: evil
                detectors:
                  - id: evil.backtrack
                    name: Backtracking
                    jurisdiction: evil
                    trigger: {literals: [aa], lookbehind: 2}
                    regex: '(a+)+$'
                    confidence: {with_keyword: low, without_keyword: low}
                    examples:
                      - {text: "aa", expect: low}
                      - {text: "b", expect: none}
                """)
        },
        HostileCase(
            name: "malformed config", expected: "exit 2, the file and line", arguments: ["scan", "a.txt"], status: 2,
            says: [".bango.yaml:2"]
        ) { tree in
            tree.write("a.txt", "nothing\n")
            tree.write(".bango.yaml", "min-confidence: high\nfail-on: sometimes\n")
        },
        HostileCase(
            name: "malformed pattern pack", expected: "exit 2, the file and line",
            arguments: ["scan", "--patterns", "pack.yaml", "a.txt"], status: 2, says: ["pack.yaml"]
        ) { tree in
            tree.write("a.txt", "nothing\n")
            tree.write("pack.yaml", "name: broken\ndetectors:\n  - id: [unclosed\n")
        },
        HostileCase(
            name: "unknown flag", expected: "exit 2 with the usage", arguments: ["scan", "--no-such-flag", "a.txt"],
            status: 2, says: ["--no-such-flag"]
        ) { tree in tree.write("a.txt", "nothing\n") },
    ]

    static let all = special + text + containers + documents + configuration

    /// A zip whose central directory lists one 1 MiB member `copies` times, every record
    /// pointing at the same local entry: a bomb by overlap (David Fifield's construction),
    /// caught by the limit on all members' bytes together, not by any one member's.
    static func overlapping(copies: Int) -> [UInt8] {
        let bytes = Fixture.zip([("a.txt", [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20))])
        guard let end = bytes.lastRange(of: [0x50, 0x4B, 0x05, 0x06])?.lowerBound,
            let start = bytes.firstRange(of: [0x50, 0x4B, 0x01, 0x02])?.lowerBound
        else { return bytes }
        let record = Array(bytes[start..<end])
        var output = Array(bytes[..<start])
        for _ in 0..<copies { output += record }
        var trailer = Array(bytes[end...])
        func put16(_ value: Int, at offset: Int) {
            trailer[offset] = UInt8(value & 0xFF)
            trailer[offset + 1] = UInt8(value >> 8 & 0xFF)
        }
        put16(copies, at: 8)
        put16(copies, at: 10)
        let size = record.count * copies
        for index in 0..<4 { trailer[12 + index] = UInt8(size >> (8 * index) & 0xFF) }
        return output + trailer
    }

    /// A one-page PDF holding a labelled number, encrypted (AES-256) by qpdf, the tool a
    /// user would reach for; an empty user password leaves it readable, as many are.
    static func encryptedPDF(_ tree: TemporaryTree, name: String, userPassword: String) throws {
        let plain = tree.write("plain-" + name, bytes: PDFFixture.make(pages: ["My Number \(HostileCase.number)"]))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "qpdf", "--encrypt", userPassword, "owner-secret", "256", "--", plain, tree.path + "/" + name,
        ]
        try process.run()
        process.waitUntilExit()
        try FileManager.default.removeItem(atPath: plain)
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
