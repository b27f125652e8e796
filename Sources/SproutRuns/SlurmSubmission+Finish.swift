import Foundation

extension SlurmSubmission {
    /// How one task ended, as it recorded itself in the submission's `ended` file.
    package struct Ending: Sendable, Equatable {
        /// The task's exit status (0: its run ended, or was current already).
        package var status: Int32
        /// Why it could not train, for a task that failed before its run had a record (an edited config, a folder it
        /// could not reach); "" otherwise.
        package var message: String
    }

    /// The `ended` file: a line per task that ended, `<index> <exit status> <message>`, the last line of an index
    /// winning (a requeued task ends twice). One file read and rewritten under the submission's lock, not a mark
    /// per task: a directory listing may be cached by a network file system's client, a locked file's contents not.
    package var endedFile: String { path("ended") }

    /// The tasks that have ended, by index, as the `ended` file says now.
    package func endings() -> [Int: Ending] {
        guard let text = try? String(contentsOfFile: endedFile, encoding: .utf8) else { return [:] }
        var endings: [Int: Ending] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, let index = Int(parts[0]), let status = Int32(parts[1]) else { continue }
            endings[index] = Ending(status: status, message: parts.count > 2 ? String(parts[2]) : "")
        }
        return endings
    }

    /// Whether every task has recorded its end.
    package var allEnded: Bool {
        let endings = endings()
        return tasks.indices.allSatisfy { endings[$0] != nil }
    }

    /// Task `index` has ended with exit `status` (and, failing before training, `message`): under the submission's
    /// lock (`RunLock` on its folder: tasks on several nodes end at once) its line is added to the `ended` file, and
    /// when every task has one, `lastOne` is called, still under the lock. `lastOne` rebuilds summary.csv and the
    /// report from every run.json below the output folder (not from what one task knows), so whichever task ends
    /// last writes a whole and true summary. A task killed outright writes no line: then `sprout status` brings the
    /// summary up to date.
    package func taskEnded(_ index: Int, status: Int32 = 0, message: String = "", lastOne: () throws -> Void) throws {
        let lock = try RunLock(directory: folder, patience: 300)
        defer { lock.release() }
        var text = (try? String(contentsOfFile: endedFile, encoding: .utf8)) ?? ""
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        text += "\(index) \(status) \(oneLine)\n"
        try AtomicFile.write(text, to: endedFile)
        guard allEnded else { return }
        try lastOne()
    }
}
