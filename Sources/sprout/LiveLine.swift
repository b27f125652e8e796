import Foundation
import SproutRun

/// A progress line rewritten in place on a terminal (carriage return, then "erase line"), at most ten times a
/// second so that a fast run does not spend its time printing.
final class LiveLine {
    private var lastShown = ContinuousClock.now - .seconds(1)
    private var visible = false

    func show(_ event: RunProgress) {
        let now = ContinuousClock.now
        // Always show the last epoch; otherwise at most every 0.1 s.
        guard event.epoch == event.epochs || now - lastShown >= .milliseconds(100) else { return }
        lastShown = now
        FileHandle.standardOutput.write(Data(("\r\u{1B}[2K" + event.liveLine).utf8))
        visible = true
    }

    /// Erases the line, so the next output starts on a clean line.
    func clear() {
        guard visible else { return }
        FileHandle.standardOutput.write(Data("\r\u{1B}[2K".utf8))
        visible = false
    }
}
