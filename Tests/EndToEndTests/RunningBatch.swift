import Foundation

/// A `sprout run` batch started in the background by one test, which owns it and every worker it starts.
///
/// Workers are found through the batch's own runs, never by searching the machine: a worker writes its pid into
/// its run directory's run.json with status `running` when training starts, and that pid counts only while its
/// process is a child of this batch (/proc/PID/stat's parent field), so a stale or foreign run.json is ignored.
/// `end()` (call it in a `defer` right after starting) kills the batch and every worker of it still alive, so a
/// failing expectation never leaves a million-epoch run behind; calling it again does nothing more. Wait for the
/// batch with `finish(seconds:)`, never with `Process.waitUntilExit()` alone (see `finish`).
final class RunningBatch {
    let process: Process
    /// The folder whose run directories this batch writes (`runs/<name>/run.json`).
    let runs: String
    /// Workers seen so far (pid by run name), kept so that `end()` and `isGone` can reach them after the batch died.
    private(set) var workers: [String: Int32] = [:]

    /// Starts `sprout run arguments...` writing below `runs`, its output to `stdout` (or discarded).
    init(_ arguments: [String], runs: String, stdout: String? = nil) throws {
        self.runs = runs
        process = try SproutBinary.start(arguments, stdout: stdout)
    }

    deinit { end() }

    var pid: Int32 { process.processIdentifier }

    /// The worker training run `name` (its directory below `runs`), once its run.json says `running` with the pid of
    /// a child of this batch; nil before that (or when the batch is gone).
    func worker(_ name: String) -> Int32? {
        if let known = workers[name] { return known }
        guard let record = try? RunDirectoryTests.json(runs + "/\(name)/run.json"),
              record["status"] as? String == "running", let pid = (record["pid"] as? NSNumber)?.int32Value,
              Self.parent(of: pid) == self.pid else { return nil }
        workers[name] = pid
        return pid
    }

    /// Waits until every run of `names` is training (its worker known and a row in its metrics.csv); throws when one
    /// is not within `seconds`.
    @discardableResult
    func waitUntilTraining(_ names: [String], seconds: Double = 120) throws -> [Int32] {
        let ready = SproutBinary.waitUntil(seconds: seconds) {
            names.allSatisfy { name in
                worker(name) != nil
                    && ((try? MetricsTable(path: runs + "/\(name)/metrics.csv"))?.rows.isEmpty == false)
            }
        }
        guard ready else { throw NotTraining(names: names, runs: runs) }
        return names.compactMap { worker($0) }
    }

    /// Whether the worker of run `name` (seen earlier) has ended: no process, or only its zombie.
    func isGone(_ name: String) -> Bool {
        guard let pid = workers[name] else { return true }
        return Self.state(of: pid).map { $0 == "Z" } ?? true
    }

    /// Waits up to `seconds` for the batch to end by itself, then ends it (and its workers) if it has not; returns
    /// whether it ended by itself. Check workers (`isGone`) before this call: afterwards none is left in any case.
    ///
    /// Foundation's `Process` learns that a child ended when a socket it shares with the child closes, and the
    /// batch's workers inherit that socket: `isRunning` stays true, and `waitUntilExit()` blocks, for as long as any
    /// worker lives, even after the batch itself died. So a worker that survives must be killed before waiting.
    @discardableResult
    func finish(seconds: Double) -> Bool {
        let ended = SproutBinary.waitUntil(seconds: seconds) { !process.isRunning }
        end()
        return ended
    }

    /// Kills the batch and every worker of it (SIGKILL: the test is over), then reaps the batch. While the batch
    /// lives it is stopped first, so that it starts no worker while its children are listed and killed; the workers
    /// of a batch that already died are the ones seen earlier (or recorded as running in its runs), checked by their
    /// command line before the signal.
    func end() {
        if !hasEnded {
            if Self.state(of: pid).map({ $0 != "Z" }) ?? false {
                kill(pid, SIGSTOP)
                for name in Self.runNames(below: runs) { _ = worker(name) }
                for child in children() { kill(child, SIGKILL) }
                kill(pid, SIGKILL)
            }
            for pid in workers.values where isOurWorker(pid) { kill(pid, SIGKILL) }
            for pid in recordedRunning() where isOurWorker(pid) { kill(pid, SIGKILL) }
            hasEnded = true
        }
        process.waitUntilExit()
    }

    private var hasEnded = false

    /// The batch's child processes (its workers), as the kernel lists them for the batch itself
    /// (/proc/PID/task/TID/children of each of its threads): no other process on the machine is looked at.
    private func children() -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [Int32] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// The pids run.json gives for this batch's runs that say `running`.
    private func recordedRunning() -> [Int32] {
        Self.runNames(below: runs).compactMap { name in
            guard let record = try? RunDirectoryTests.json(runs + "/\(name)/run.json"),
                  record["status"] as? String == "running" else { return nil }
            return (record["pid"] as? NSNumber)?.int32Value
        }
    }

    /// A pid still names our worker after the batch died (it is reparented then): its command line is `sprout
    /// worker` on a config whose run writes below `runs`' parent folder (the test's scratch folder).
    private func isOurWorker(_ pid: Int32) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        let scratch = (runs as NSString).deletingLastPathComponent
        return arguments.count > 1 && arguments[1] == "worker" && arguments.contains { $0.hasPrefix(scratch) }
    }

    /// The run directories below `runs` holding a run.json, as names relative to it (`a`, `deep/b`).
    private static func runNames(below runs: String) -> [String] {
        let paths = (FileManager.default.enumerator(atPath: runs)?.allObjects as? [String]) ?? []
        return paths.filter { $0.hasSuffix("run.json") }.map { ($0 as NSString).deletingLastPathComponent }
    }

    /// /proc/PID/stat after the command's closing parenthesis: the state letter, then the parent's pid.
    private static func statFields(of pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    /// The state letter of a process (R running, S sleeping, T stopped, Z zombie), nil when there is none.
    static func state(of pid: Int32) -> Character? { statFields(of: pid)?.first?.first }

    static func parent(of pid: Int32) -> Int32? { statFields(of: pid).flatMap { $0.count > 1 ? Int32($0[1]) : nil } }

    struct NotTraining: Error, CustomStringConvertible {
        var names: [String]
        var runs: String
        var description: String { "runs \(names) below \(runs) did not start training" }
    }
}
