import BangoCore
import Testing

@testable import BangoScan

/// Finding and reading user pattern packs; every error names the file.
@Suite struct PackLoaderTests {
    static let pack = """
        pack: acme
        detectors:
          - id: acme.ticket
            name: ACME ticket
            jurisdiction: acme
            trigger:
              min_digits: 6
            regex: 'TCK-[0-9]{6}'
            confidence:
              with_keyword: low
              without_keyword: low
            examples:
              - { text: "ticket TCK-123456", expect: low }
              - { text: "TCK-12345", expect: none }
        """

    @Test func aFolderGivesItsYamlFilesInNameOrder() throws {
        let folder = TemporaryDirectory()
        folder.write("b.yaml", Self.pack.replacingOccurrences(of: "acme", with: "beta"))
        folder.write("a.yml", Self.pack)
        folder.write("notes.txt", "not a pack")
        folder.write("sub/c.yaml", Self.pack.replacingOccurrences(of: "acme", with: "gamma"))  // not recursive
        let packs = try PackLoader.load([folder.path])
        #expect(packs.map(\.name) == ["acme", "beta"])
        #expect(packs.map(\.detectors.first?.id) == ["acme.ticket", "beta.ticket"])
    }

    @Test func aMissingPathIsNamed() {
        #expect(
            throws: PackError(
                source: "/no/such", line: nil, ruleID: nil, message: "no such pattern pack file or folder")
        ) {
            try PackLoader.load(["/no/such"])
        }
    }

    @Test func aFolderWithoutPacksIsAnError() {
        let folder = TemporaryDirectory()
        folder.write("readme.md", "#")
        #expect(
            throws: PackError(
                source: folder.path, line: nil, ruleID: nil, message: "the folder holds no .yaml pattern packs")
        ) {
            try PackLoader.load([folder.path])
        }
    }

    @Test func aFileThatIsNotUTF8IsNamed() {
        let folder = TemporaryDirectory()
        let path = folder.write("bad.yaml", bytes: [0x70, 0x61, 0x63, 0x6B, 0x3A, 0x20, 0xFF, 0xFE])
        #expect(throws: PackError(source: path, line: nil, ruleID: nil, message: "the file is not UTF-8")) {
            try PackLoader.load([path])
        }
    }

    /// A malformed pack fails with the file and the line of the problem.
    @Test func aBadPackNamesItsFileAndLine() {
        let folder = TemporaryDirectory()
        let path = folder.write(
            "broken.yaml", Self.pack.replacingOccurrences(of: "with_keyword: low", with: "with_keyword: extreme"))
        do {
            _ = try PackLoader.load([path])
            Issue.record("a pack with an unknown confidence loaded")
        } catch {
            #expect(error.source == path)
            #expect(error.line == 10)
            #expect(error.ruleID == "acme.ticket")
        }
    }
}
