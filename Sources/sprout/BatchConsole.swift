import Foundation
import Glibc
import SproutRuns

/// What a batch prints while it runs. On a terminal: finished runs and problems scroll by as ordinary lines, and
/// below them a live area is redrawn in place (at most ten times a second): one line per running run (epoch,
/// loss, accuracy, elapsed, ETA) and a total (done, running, left, ETA). Elsewhere (a log file, CI): only whole
/// lines, one per logged epoch of each run unless `quiet`, and one per finished run. Only this process writes to
/// the console (workers report through pipes), so lines from parallel runs never interleave mid-line.
final class BatchConsole {
    private let live: Bool
    private let quiet: Bool
    private var drawnLines = 0
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var area: [String] = []

    init(quiet: Bool) {
        self.quiet = quiet
        live = !quiet && isatty(STDOUT_FILENO) == 1
    }

    /// A permanent line (or lines) on stdout, above the live area.
    func say(_ text: String) {
        erase()
        write(text + "\n")
        draw()
    }

    /// A permanent line on stderr (diagnostics, a worker's own messages).
    func complain(_ text: String) {
        erase()
        StandardStreams.err(text.hasSuffix("\n") ? text : text + "\n")
        draw()
    }

    /// A worker's progress: a line per logged epoch when not live (and not quiet).
    func progress(_ event: RunProgress) {
        if !live && !quiet && event.logged { say(event.line) }
    }

    /// Replaces the live area's lines (ignored when not live); redrawn at most every 0.1 s unless `force`.
    func update(_ lines: [String], force: Bool = false) {
        guard live else { return }
        area = lines
        let now = ContinuousClock.now
        guard force || now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        erase()
        draw()
    }

    /// Removes the live area for good (before the final report).
    func finish() {
        erase()
        area = []
    }

    private func erase() {
        guard live, drawnLines > 0 else { return }
        // Up to the area's first line, then clear to the end of the screen.
        write("\u{1B}[\(drawnLines)F\u{1B}[J")
        drawnLines = 0
    }

    private func draw() {
        guard live, !area.isEmpty else { return }
        let width = Self.terminalWidth()
        // Cut each line to the terminal's width: a wrapped line would take two rows and break the erase above.
        write(area.map { String($0.prefix(max(10, width - 1))) + "\n" }.joined())
        drawnLines = area.count
    }

    private func write(_ text: String) { StandardStreams.out(text) }

    private static func terminalWidth() -> Int {
        var size = winsize()
        return ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}
