import BangoTestSupport
import Foundation
import GRDB
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A sweep killed with SIGKILL at any point of its progress leaves the store consistent: SQLite's
/// integrity check passes, the last complete run is intact, the killed run is marked
/// incomplete, and the next run resumes and ends with what a scan from scratch finds.
@Suite(.serialized) struct AuditKillTests {
    @Test func killedRunsLeaveTheStoreConsistentAndTheNextRunResumes() throws {
        let tree = AuditTree(files: 1500, fillerLines: 40)
        let first = try tree.scan(["-j", "1"])
        #expect(first.status == 1, "\(first.stderr)")
        let firstRow = try #require(try tree.runRow(1))
        // How much an uncut run writes, so that each kill lands at a random point of its
        // progress (its output so far), whatever the machine's load makes of the time.
        let total = first.stdout.utf8.count
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            let share = tree.share + "/dept\(round % 4)/touch\(round).txt"
            try "個人番号 \(SyntheticIdentifiers(seed: UInt64(round)).myNumberForKillTest())\n".write(
                toFile: share, atomically: false, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = [
                "scan", "-q", "--store", tree.store, "--verify", "--format", "jsonl", "-j", "2", "share",
            ]
            process.currentDirectoryURL = URL(fileURLWithPath: tree.tree.path)
            process.environment = AuditTree.key.merging(["PATH": "/usr/bin:/bin"]) { $1 }.merging(CLI.sanitizerOptions)
            { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The last round kills late, so that some work was surely committed to resume.
            var left = round == 19 ? total * 9 / 10 : Int.random(in: 0..<(total * 19 / 20), using: &generator)
            while left > 0 {
                let chunk = output.fileHandleForReading.readData(ofLength: min(left, 65536))
                if chunk.isEmpty { break }
                left -= chunk.count
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let queue = try DatabaseQueue(path: tree.store)
            try queue.read { db in
                #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok", "round \(round)")
                let intact = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = 1")
                #expect(intact == firstRow, "round \(round): the complete run changed")
                let count = try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM finding WHERE version IN (SELECT version FROM target WHERE run = 1)")
                #expect(count == firstRow["findings"] as Int)
            }
        }
        let listed = try tree.run(["runs", "--store", tree.store])
        let statuses = listed.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[1]) }
        #expect(statuses.first == "complete")
        #expect(
            statuses.dropFirst().allSatisfy { $0 == "incomplete" || $0 == "complete" },
            "killed runs are incomplete, never left running: \(statuses)")
        #expect(statuses.contains("incomplete"), "some kill landed mid-run: \(statuses)")

        let resumed = try tree.scan(["--verify"])
        // Run 1 kept no content hashes, so under --verify only what killed runs finished
        // can carry over: files unchanged and not read mean the run resumed their work.
        #expect(resumed.stderr.contains("files unchanged, not read"), "\(resumed.stderr)")
        let fresh = try tree.cli.run(
            ["scan", "--format", "jsonl", "--sort", "path", "share"], environment: AuditTree.key,
            directory: tree.tree.path)
        #expect(resumed.stdout == fresh.stdout, "the resumed run finds what a scan from scratch finds")
    }

    @Test func ctrlCMarksTheRunInterruptedAndTheNextRunResumesIt() throws {
        let tree = AuditTree(files: 3000, fillerLines: 40)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["scan", "--store", tree.store, "--format", "jsonl", "-j", "1", "share"]
        process.currentDirectoryURL = URL(fileURLWithPath: tree.tree.path)
        process.environment = AuditTree.key.merging(["PATH": "/usr/bin:/bin"]) { $1 }.merging(CLI.sanitizerOptions) {
            $1
        }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Interrupted once findings flow, well before 3,000 files are done.
        #expect(!output.fileHandleForReading.readData(ofLength: 4096).isEmpty)
        kill(process.processIdentifier, SIGINT)
        _ = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("run 1 recorded in \(tree.store) as interrupted"), "\(stderr)")
        let row = try #require(try tree.runRow(1))
        #expect(row["status"] as String == "interrupted")

        let next = try tree.scan()
        #expect(next.status == 1, "\(next.stderr)")
        #expect(
            next.stderr.contains("files unchanged, not read"), "the interrupted run's work carried over: \(next.stderr)"
        )
        #expect(
            next.stderr.contains("3000 new, 0 persisting, 0 resolved (the first run on these roots)"), "\(next.stderr)")
    }
}

extension SyntheticIdentifiers {
    /// One more synthetic My Number, for a file the kill test adds each round.
    fileprivate func myNumberForKillTest() -> String {
        var copy = self
        return copy.myNumber()
    }
}
