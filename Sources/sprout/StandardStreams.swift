import Glibc

/// Writes to stdout and stderr with write(2), never trapping: FileHandle's `write(_:)` traps on any error, and a
/// batch whose output goes to `| head -1` or a closed terminal must go on training (its runs' files are what
/// matters). With SIGPIPE ignored (`ignoreBrokenPipes`), a write to a closed pipe fails with EPIPE, which is
/// ignored: the text is dropped, nothing else changes.
enum StandardStreams {
    static func out(_ text: String) { write(text, to: STDOUT_FILENO) }
    static func err(_ text: String) { write(text, to: STDERR_FILENO) }

    /// A broken pipe becomes an EPIPE error on write instead of a signal that kills the process: for the batch and
    /// its workers, which have runs to record whoever is reading.
    static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
