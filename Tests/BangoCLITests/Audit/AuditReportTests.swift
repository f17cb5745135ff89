import BangoTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `bango report`: the HTML page renders in headless Chromium without a console error
/// and shows the totals the JSON report gives; the CSV and JSON reports match golden
/// files; bad arguments are clear errors with exit 2.
@Suite struct AuditReportTests {
    static let golden = CLI.packageRoot.appendingPathComponent("Tests/BangoCLITests/Audit/Golden")

    /// Two runs on a small share with one file deleted and one added between them.
    static func history() throws -> AuditTree {
        var tree = AuditTree(files: 6)
        _ = try tree.scan()
        try FileManager.default.removeItem(atPath: tree.share + "/" + AuditTree.name(0))
        tree.write("総務/新規.txt")
        tree.tree.write("share/dept1/skip.bin", bytes: [0, 1, 2, 3, 0, 0])
        _ = try tree.scan()
        return tree
    }

    @Test func theHTMLReportRendersInChromiumWithTheRightTotals() throws {
        let chromium = try #require(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            },
            "Debian's chromium package is needed (.ci/run installs it)")
        let tree = try Self.history()
        let page = tree.tree.path + "/report.html"
        let html = try tree.run(["report", "--store", tree.store, "--format", "html", "-o", page])
        #expect(html.status == 0, "\(html.stderr)")
        let json = try tree.run(["report", "--store", tree.store, "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [String: Any])
        let changes = try #require(object["changes"] as? [String: Any])

        let profile = tree.tree.path + "/chromium-profile"
        let rendered = try tree.cli.run(
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile, "--enable-logging=stderr",
                "--v=0", "--dump-dom", "file://" + page,
            ], binary: chromium, timeout: 90)
        #expect(rendered.status == 0, "\(rendered.stderr.suffix(2000))")
        let console = rendered.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
        let dom = rendered.stdout
        #expect(dom.contains("data-ready=\"1\""), "the page's script ran to its end")
        for (id, value) in [
            ("total-findings", findings["total"]), ("total-high", findings["high"]), ("total-new", changes["new"]),
            ("total-resolved", changes["resolved"]), ("total-persisting", changes["persisting"]),
        ] {
            #expect(dom.contains("id=\"\(id)\">\(value as? Int ?? -1)<"), "\(id)")
        }
        #expect(changes["new"] as? Int == 1)
        #expect(changes["resolved"] as? Int == 1)
        #expect(!html.stdout.contains("http"), "nothing is fetched: the page is self-contained")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!text.contains("src=\"http") && !text.contains("href=\"http"))
        #expect(RevealedValues.of(Array(tree.numbers.values), in: text).isEmpty)
    }

    @Test(arguments: ["csv", "json"])
    func reportsMatchTheirGoldenFiles(_ format: String) throws {
        let tree = try Self.history()
        let report = try tree.run(["report", "--store", tree.store, "--format", format])
        #expect(report.status == 0, "\(report.stderr)")
        let stable = Self.stable(report.stdout, tree: tree)
        let url = Self.golden.appendingPathComponent("report.\(format)")
        if ProcessInfo.processInfo.environment["BANGO_UPDATE_GOLDEN"] == "1" {
            try Data(stable.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(stable == golden, "report.\(format) differs from its golden file")
    }

    @Test func csvCanStartWithAByteOrderMarkForExcel() throws {
        let tree = try Self.history()
        let report = try tree.run(["report", "--store", tree.store, "--format", "csv", "--bom"])
        #expect(report.stdout.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(report.stdout.contains("share/総務/新規.txt"), "Japanese paths intact")
        let plain = try tree.run(["report", "--store", tree.store, "--format", "csv"])
        #expect(plain.stdout.hasPrefix("change,path,"))
    }

    @Test func badArgumentsAreClearErrors() throws {
        let tree = try Self.history()
        let cases: [([String], String)] = [
            (["report", "--store", tree.tree.path + "/missing.db"], "no audit store at"),
            (["runs", "--store", tree.tree.path + "/missing.db"], "no audit store at"),
            (["report", "--store", tree.store, "--run", "99"], "no run 99"),
            (["report", "--store", tree.store, "--since", "2"], "is the run reported"),
            (["report", "--store", tree.store, "--format", "pdf"], "format"),
            (["report", "--store", tree.store, "--bom"], "--bom applies to --format csv only"),
            (["runs", "prune", "--store", tree.store, "--keep", "0"], "--keep must be at least 1"),
            (["scan", "--verify", "share"], "--verify needs --store"),
            (["scan", "--store", tree.store, "--staged"], "--store records sweeps"),
            (["scan", "--store", tree.store, "-"], "--store records sweeps"),
            (["scan", "--store", tree.share + "/dept1/file1.txt", "share"], "not an audit store"),
        ]
        for (arguments, message) in cases {
            let result = try tree.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    /// The report with what differs from run to run (times, the temporary folder, the
    /// owner's name) replaced by placeholders.
    static func stable(_ text: String, tree: AuditTree) -> String {
        var text = text.replacingOccurrences(of: tree.tree.path, with: "TREE")
        for key in ["started", "ended"] {
            text = text.replacingOccurrences(
                of: "\"\(key)\": \"[^\"]*\"", with: "\"\(key)\": \"TIME\"", options: .regularExpression)
        }
        let owner = String(cString: getpwuid(getuid()).pointee.pw_name)
        return text.replacingOccurrences(of: "{\"name\": \"\(owner)\"", with: "{\"name\": \"OWNER\"")
    }
}
