import Testing

@testable import BangoReport

/// What the progress line says: counts, throughput, the time left when the total is
/// known, the folder; cut to the terminal's width, keeping the folder's end.
@Suite struct ProgressLineTests {
    @Test func theLineSaysHowFarAndHowLong() {
        let snapshot = ProgressLine.Snapshot(files: 12_345, bytes: 50 << 20, folder: "share/人事")
        let text = ProgressLine.text(snapshot, elapsed: 5, expectedBytes: 150 << 20, width: 200)
        #expect(text == "bango: scanning 12,345 files, 50.0 MiB at 10.0 MiB/s, about 0:10 left · share/人事")
        let unknown = ProgressLine.text(snapshot, elapsed: 5, expectedBytes: nil, width: 200)
        #expect(!unknown.contains("left"))
        let past = ProgressLine.text(snapshot, elapsed: 5, expectedBytes: 10 << 20, width: 200)
        #expect(!past.contains("left"), "a run past the last one's total has no estimate")
    }

    @Test func aLongLineIsCutToTheWidthKeepingTheFolderName() {
        let folder = "share/" + String(repeating: "部署/", count: 40) + "給与"
        let snapshot = ProgressLine.Snapshot(files: 1, bytes: 1, folder: folder)
        let text = ProgressLine.text(snapshot, elapsed: 1, expectedBytes: nil, width: 60)
        #expect(text.count <= 59)
        #expect(text.hasPrefix("bango: scanning 1 file, 1 B"))
        #expect(text.hasSuffix("/給与"))
    }
}
