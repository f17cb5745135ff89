import BangoCore
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A line on stderr that shows a long sweep is alive: files and bytes done, throughput,
/// the folder being listed, and the time left when the total is known (from the last
/// run in the audit store). Redrawn in place four times a second, and erased before the
/// summary, so that what remains on the terminal is the summary alone.
public final class ProgressLine {
    /// What the scan has done so far.
    public struct Snapshot: Sendable {
        public var files: Int
        public var bytes: Int
        public var folder: String?

        public init(files: Int, bytes: Int, folder: String?) {
            self.files = files
            self.bytes = bytes
            self.folder = folder
        }
    }

    private let timer: any DispatchSourceTimer
    private let stream: OutputStream
    /// Whether a line is on the terminal now (drawn by the timer, erased by finish), and
    /// whether finish has run: a timer handler already under way must not draw after it.
    private final class Drawn: Sendable {
        let state = Locked((isDrawn: false, isFinished: false))
    }

    private let drawn = Drawn()
    /// The widest line drawn, in columns: the terminal's width, else 100.
    private let width: Int

    /// Starts drawing `snapshot()` every quarter second; `expectedBytes` gives the ETA.
    public init(
        stream: OutputStream, expectedBytes: Int?, snapshot: @escaping @Sendable () -> Snapshot
    ) {
        self.stream = stream
        width = Self.terminalWidth(fd: stream.fd) ?? 100
        let started = Date()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        self.timer = timer
        timer.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
        let width = width
        let drawn = drawn
        let draw: @Sendable () -> Void = {
            let text = Self.text(
                snapshot(), elapsed: Date().timeIntervalSince(started), expectedBytes: expectedBytes, width: width)
            drawn.state.withLock { state in
                guard !state.isFinished else { return }
                stream.write("\r\u{1B}[K" + text)
                state.isDrawn = true
            }
        }
        // Drawn at once, so that even a short scan shows it was alive.
        draw()
        timer.setEventHandler(handler: draw)
        timer.resume()
    }

    /// Stops drawing and erases the line.
    public func finish() {
        timer.cancel()
        drawn.state.withLock { state in
            if state.isDrawn { stream.write("\r\u{1B}[K") }
            state = (isDrawn: false, isFinished: true)
        }
    }

    /// `scanning 1,234 files, 56.7 MiB at 45.6 MiB/s, 0:12 left · share/人事`, cut to `width`.
    static func text(_ snapshot: Snapshot, elapsed: Double, expectedBytes: Int?, width: Int) -> String {
        let rate = elapsed > 0 ? Double(snapshot.bytes) / elapsed : 0
        var text =
            "bango: scanning \(RunSummary.grouped(snapshot.files)) file\(snapshot.files == 1 ? "" : "s"), "
            + RunSummary.bytes(snapshot.bytes)
            + " at \(RunSummary.bytes(Int(rate)))/s"
        if let expectedBytes, expectedBytes > snapshot.bytes, rate > 0 {
            let left = Int(Double(expectedBytes - snapshot.bytes) / rate)
            text += String(format: ", about %d:%02d left", left / 60, left % 60)
        }
        if let folder = snapshot.folder { text += " · " + folder }
        // Cut by characters, keeping the end of a long folder (the part that names it).
        guard text.count > width - 1 else { return text }
        let room = max(10, width - 2)
        return String(text.prefix(room / 2)) + "…" + String(text.suffix(room - room / 2 - 1))
    }

    static func terminalWidth(fd: Int32) -> Int? {
        var size = winsize()
        // SAFETY: TIOCGWINSZ writes one winsize into `size`, which lives for this call.
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
