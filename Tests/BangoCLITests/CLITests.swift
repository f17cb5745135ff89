import BangoCore
import BangoTestSupport
import Foundation
import Testing

/// End-to-end: the built binary on generated trees.
@Suite(.serialized) struct CLITests {
    let cli = CLI()
    let key = ["BANGO_FINGERPRINT_KEY": "cli-test-key-0123456789abcdef"]

    /// A small share with synthetic numbers: returns the tree and the raw values, which
    /// must never appear in output unless revealed.
    func share() -> (TemporaryTree, [String]) {
        let tree = TemporaryTree()
        var generator = SyntheticIdentifiers(seed: 2026)
        let mine = generator.myNumber()
        let corporate = generator.corporateNumber()
        let low = generator.myNumber()
        tree.write("hr/staff.csv", "社員番号,氏名,個人番号\n1001,ヤマダ,\(mine)\n")
        tree.write("vendors.txt", "取引先 \(corporate)\n")
        tree.write("notes/memo.txt", "memo\nref \(low)\n")
        tree.write("clean.txt", "nothing here 2024-01-15 ¥12,000 order 1234567\n")
        return (tree, [mine, corporate, low])
    }

    @Test func exitCodesFollowTheContract() throws {
        let (tree, _) = share()
        #expect(try cli.run(["scan", tree.path + "/clean.txt"], environment: key).status == 0)
        #expect(try cli.run(["scan", tree.path], environment: key).status == 1)
        #expect(try cli.run(["scan", "--fail-on", "high", tree.path + "/notes"], environment: key).status == 0)
        #expect(try cli.run(["scan", "--fail-on", "high", tree.path], environment: key).status == 1)
        #expect(try cli.run(["scan", "--fail-on", "never", tree.path], environment: key).status == 0)
        // The default subcommand is scan.
        #expect(try cli.run([tree.path], environment: key).status == 1)
    }

    @Test(arguments: [
        ["scan", "--bogus"],
        ["scan", "--min-confidence", "certain"],
        ["scan", "--fail-on", "sometimes"],
        ["scan", "--format", "xml"],
        ["scan", "--threads", "0"],
        ["scan", "--max-filesize", "lots"],
        ["scan", "--only", "xx.nothing"],
        ["scan", "--skip", "jp.phon"],
        ["patterns", "list", "--only", "eu,jp.mynumber"],
        ["scan", "--encoding", "klingon"],
        ["scan", "--max-archive-depth", "0"],
        ["scan", "--max-archive-bytes", "much"],
    ])
    func badArgumentsExitTwoWithAMessage(_ arguments: [String]) throws {
        let result = try cli.run(arguments + ["/tmp"], environment: key)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    @Test func missingAndUnreadableTargetsAreErrors() throws {
        let (tree, _) = share()
        let missing = try cli.run(["scan", tree.path, tree.path + "/nope"], environment: key)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope: not found"))
        #expect(missing.stdout.contains("staff.csv"))  // the rest was still scanned
        let tolerated = try cli.run(["scan", "--tolerate-errors", tree.path, tree.path + "/nope"], environment: key)
        #expect(tolerated.status == 1)
    }

    @Test func unreadableFilesAreReportedNotSkippedSilently() throws {
        let tree = TemporaryTree()
        tree.write("data/ok.txt", "fine\n")
        let locked = tree.write("data/locked.txt", "個人番号 123456789018\n", mode: 0o000)
        // Root reads everything, so run as nobody where we are root, from a copy of the
        // binary that nobody can reach whatever folder the build lives in.
        var prefix: [String] = []
        var binary = CLI.binary
        if getuid() == 0 {
            prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            binary = tree.path + "/bin/bango"
            try FileManager.default.createDirectory(atPath: tree.path + "/bin", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: CLI.binary, toPath: binary)
            chmod(tree.path + "/bin", 0o755)
            chmod(binary, 0o755)
        }
        let result = try cli.run(["scan", tree.path + "/data"], environment: key, prefix: prefix, binary: binary)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(locked): unreadable"))
        #expect(result.stderr.contains("failed 1 (unreadable: 1)"))
    }

    @Test func jsonLinesHoldOnlyFindings() throws {
        let (tree, raw) = share()
        let result = try cli.run(["scan", "--format", "jsonl", "--sort", "path", tree.path], environment: key)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        var detectors: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            detectors.append(object["detector"] as? String ?? "")
            #expect((object["masked"] as? String)?.hasPrefix("********") == true)
            #expect((object["fingerprint"] as? String)?.count == 64)
            #expect(object["line"] as? Int != nil && object["column"] as? Int != nil)
        }
        #expect(detectors == ["jp.my_number", "jp.my_number", "jp.corporate_number"])
        #expect(result.stderr.contains("scanned 4 files"))
        let leaked = RevealedValues.of(raw, in: result.combined)
        #expect(leaked.isEmpty)
    }

    @Test func confidenceFiltersAndTextFormat() throws {
        let (tree, _) = share()
        let result = try cli.run(["scan", "--min-confidence", "medium", "--sort", "path", tree.path], environment: key)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "\(tree.path)/hr/staff.csv:2:10  jp.my_number  high  ********\(lines.first?.suffix(4) ?? "")",
                "\(tree.path)/vendors.txt:1:5  jp.corporate_number  medium  *********\(lines.last?.suffix(4) ?? "")",
            ])
        #expect(result.stderr.contains("; 1 low-confidence finding not shown; --min-confidence low lists them;"))
    }

    @Test func revealIsExplicit() throws {
        let (tree, raw) = share()
        let hidden = try cli.run(["scan", tree.path], environment: key)
        let leaked = RevealedValues.of(raw, in: hidden.combined)
        #expect(leaked.isEmpty)
        let shown = try cli.run(["scan", "--reveal", "--format", "jsonl", tree.path], environment: key)
        let revealed = RevealedValues.of(raw, in: shown.stdout)
        #expect(revealed.count == raw.count)
    }

    @Test func fingerprintKeys() throws {
        let (tree, _) = share()
        let target = tree.path + "/vendors.txt"
        func fingerprint(_ arguments: [String], _ environment: [String: String]) throws -> String {
            let result = try cli.run(["scan", "--format", "jsonl"] + arguments + [target], environment: environment)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return object?["fingerprint"] as? String ?? ""
        }
        // With no key given, one is created once, owner-only, and reused.
        let first = try fingerprint([], [:])
        let keyPath = cli.configHome + "/bango/fingerprint.key"
        var info = stat()
        #expect(stat(keyPath, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(info.st_size == 32)
        #expect(try fingerprint([], [:]) == first)
        // An explicit key wins, gives the same fingerprint each time, and differs.
        let fromEnvironment = try fingerprint([], key)
        #expect(fromEnvironment != first)
        let keyFile = tree.write("key.bin", "cli-test-key-0123456789abcdef")
        #expect(try fingerprint(["--fingerprint-key-file", keyFile], [:]) == fromEnvironment)
        // A key that is too short, or missing, is an error.
        let short = try cli.run(["scan", target], environment: ["BANGO_FINGERPRINT_KEY": "short"])
        #expect(short.status == 2 && short.stderr.contains("at least 16"))
        let missing = try cli.run(["scan", "--fingerprint-key-file", "/nonexistent/key", target])
        #expect(missing.status == 2)
    }

    @Test func manifestAccountsForEveryTargetAndIsPrivate() throws {
        let (tree, _) = share()
        #expect(mkfifo(tree.path + "/pipe", 0o644) == 0)
        let manifest = tree.path + "/../manifest-\(UUID().uuidString).json"
        defer { unlink(manifest) }
        let result = try cli.run(["scan", "--manifest", manifest, tree.path], environment: key)
        #expect(result.status == 1)
        var info = stat()
        #expect(stat(manifest, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as? [String: Any])
        #expect(object["scanned_files"] as? Int == 4)
        let targets = try #require(object["targets"] as? [[String: Any]])
        #expect(targets.count == 5)
        #expect(targets.contains { $0["reason"] as? String == "fifo" && $0["status"] as? String == "skipped" })
    }

    @Test func everyLoadPathGivesTheSameOutput() throws {
        let tree = TemporaryTree()
        var generator = SyntheticIdentifiers(seed: 77)
        for file in 0..<8 {
            var text = ""
            for line in 0..<3000 {
                text +=
                    line % 97 == 0
                    ? "個人番号 \(generator.myNumber()) 法人 \(generator.corporateNumber())\n"
                    : "row \(line) 2024-01-01 ¥1,200\n"
            }
            tree.write("d\(file % 3)/f\(file).txt", text)
        }
        func output(_ extra: [String]) throws -> String {
            try cli.run(["scan", "--format", "jsonl", "--sort", "path", "-q"] + extra + [tree.path], environment: key)
                .stdout
        }
        let reference = try output(["--mmap-threshold", "never"])
        #expect(reference.split(separator: "\n").count == 8 * 31 * 2)
        #expect(try output(["--mmap-threshold", "0"]) == reference)
        #expect(try output(["--mmap-threshold", "0", "--chunk-size", "4K", "-j", "3"]) == reference)
        #expect(try output(["--mmap-threshold", "never", "--chunk-size", "5000", "-j1"]) == reference)
    }

    @Test func aClosedPipeEndsQuietly() throws {
        let tree = TemporaryTree()
        var generator = SyntheticIdentifiers(seed: 3)
        let text = (0..<50_000).map { _ in "番号 \(generator.myNumber())" }.joined(separator: "\n")
        tree.write("many.txt", text)
        // `bango scan | head -n 1` under pipefail: bango must not die of SIGPIPE or print
        // an error, and its own status still says that findings were found.
        let script =
            "set -o pipefail; '\(CLI.binary)' scan -q '\(tree.path)' | head -n 1 > /dev/null; echo \"status=$?\""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["BANGO_FINGERPRINT_KEY"] = key["BANGO_FINGERPRINT_KEY"]
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stdout == "status=1\n")
        #expect(stderr.isEmpty)
    }

    /// A file cut short while the binary is reading it: the process must not die of
    /// SIGBUS. Whether the cut lands mid-scan is a race, so both outcomes are checked
    /// for what they must say.
    @Test func truncationDuringAScanDoesNotCrashTheBinary() throws {
        let tree = TemporaryTree()
        let line = "padding line with no numbers at all, just text to scan through\n"
        let path = tree.write("big.log", "個人番号 123456789018\n" + String(repeating: line, count: 400_000))
        let truncator = Thread {
            Thread.sleep(forTimeInterval: 0.15)
            _ = Glibc.truncate(path, 1 << 20)
        }
        truncator.start()
        let result = try cli.run(
            ["scan", "-j", "1", "--mmap-threshold", "0", "--chunk-size", "16K", path], environment: key)
        #expect(result.exitedNormally)
        #expect(result.status == 1 || result.status == 2)
        if result.status == 2 {
            #expect(result.stderr.contains("big.log: truncated while being scanned"))
        }
        #expect(result.stdout.contains("********9018"))
    }

    @Test func fifosInATreeDoNotHang() throws {
        let (tree, _) = share()
        #expect(mkfifo(tree.path + "/notes/pipe", 0o644) == 0)
        let result = try cli.run(["scan", tree.path], environment: key, timeout: 60)
        #expect(result.status == 1)
        #expect(result.stderr.contains("FIFO: 1"))
    }

    @Test func anUnknownSelectionNameIsNamed() throws {
        let result = try cli.run(["scan", "--skip", "jp.phon,secret", "/tmp"], environment: key)
        #expect(result.status == 2)
        #expect(result.stderr.contains("`jp.phon`") && !result.stderr.contains("`secret`"))
        // eu stands for the member states' jurisdictions.
        let listed = try cli.run(["patterns", "list", "--only", "eu"], environment: key)
        #expect(listed.status == 0)
        for id in ["es.dni", "nl.bsn", "it.codice_fiscale", "fr.nir", "de.id_card", "pl.pesel"] {
            #expect(listed.stdout.contains(id), "\(id)")
        }
        #expect(!listed.stdout.contains("jp.my_number"))
    }

    @Test func onlyAndSkipChooseDetectors() throws {
        let (tree, _) = share()
        let corporate = try cli.run(
            ["scan", "--only", "jp.corporate_number", "--format", "jsonl", tree.path], environment: key)
        #expect(corporate.stdout.split(separator: "\n").count == 1)
        let skipped = try cli.run(
            ["scan", "--skip", "jp.corporate_number", "--format", "jsonl", tree.path], environment: key)
        #expect(skipped.stdout.split(separator: "\n").count == 2)
    }

    @Test func archivesEndToEnd() throws {
        let tree = TemporaryTree()
        var generator = SyntheticIdentifiers(seed: 77)
        let value = generator.myNumber()
        let inner = Fixture.zip([("staff.csv", "氏名,個人番号\n山田,\(value)\n")])
        tree.write("exports/backup.zip", bytes: Fixture.zip([("2024/inner.zip", inner)]))
        let manifest = tree.path + "/manifest.json"
        let result = try cli.run(
            ["scan", "--format", "jsonl", "--manifest", manifest, tree.path + "/exports"], environment: key)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"member\":\"2024/inner.zip!/staff.csv\""))
        let leaked = RevealedValues.of([value], in: result.combined)
        #expect(leaked.isEmpty)
        let written = try String(contentsOfFile: manifest, encoding: .utf8)
        #expect(written.contains("\"member\": \"2024/inner.zip!/staff.csv\""))
        let leakedToManifest = RevealedValues.of([value], in: written)
        #expect(leakedToManifest.isEmpty)

        // A corrupt archive is an error unless errors are tolerated; the rest is scanned.
        tree.write("exports/broken.zip", bytes: Array("PK\u{03}\u{04}".utf8) + [UInt8](repeating: 0x42, count: 100))
        let broken = try cli.run(["scan", tree.path + "/exports"], environment: key)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("broken.zip: corrupt or truncated"))
        #expect(broken.stdout.contains("backup.zip"))
        #expect(try cli.run(["scan", "--tolerate-errors", tree.path + "/exports"], environment: key).status == 1)

        // Limits are policy: a member past one is skipped and said so, not an error.
        let shallow = try cli.run(
            ["scan", "--max-archive-depth", "1", tree.path + "/exports/backup.zip"], environment: key)
        #expect(shallow.status == 0)
        #expect(shallow.stderr.contains("past an archive limit: 1"))
        // --no-archives scans the bytes: the compressed member shows nothing.
        #expect(
            try cli.run(["scan", "--no-archives", tree.path + "/exports/backup.zip"], environment: key).status == 0)
    }
}
