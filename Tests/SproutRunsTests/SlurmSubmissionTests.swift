import Foundation
import Testing
@testable import SproutRuns

/// submission.json written and read back, the submissions of an output folder, their ids, and the last task's
/// summary (`taskEnded`): once every task has left its mark, never two at once.
@Suite struct SlurmSubmissionTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-submission-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A submission of `count` runs below `out`, its folder created.
    static func submission(out: String, id: String = "20261204-061502-3fa9c1", jobID: String? = "12",
                           created: Date = Date(timeIntervalSince1970: 1_796_364_902.125), count: Int = 3) throws -> SlurmSubmission {
        let tasks = (0..<count).map { i in
            SlurmSubmission.Task(name: "sweep/lr=0.\(i)", config: "configs/sweep.yaml", directory: out + "/sweep/lr=0.\(i)",
                                 digest: String(repeating: "\(i)", count: 64))
        }
        var submission = SlurmSubmission(id: id, created: created, workingDirectory: "/home/me/my project", out: out,
                                          fromScratch: false, tasks: tasks)
        submission.jobID = jobID
        try FileManager.default.createDirectory(atPath: submission.folder, withIntermediateDirectories: true)
        return submission
    }

    /// The folder's parts by hand: `<out>/.slurm/<id>/...`; task ids `<job>_<index>` once the job id is known.
    @Test func pathsAndTaskIDs() throws {
        var submission = SlurmSubmission(id: "20261204-061502-3fa9c1", created: Date(), workingDirectory: "/w",
                                         out: "/data/my runs", fromScratch: true, tasks: [])
        #expect(SlurmSubmission.root(out: "/data/my runs") == "/data/my runs/.slurm")
        #expect(submission.folder == "/data/my runs/.slurm/20261204-061502-3fa9c1")
        #expect(submission.path("job.sh") == "/data/my runs/.slurm/20261204-061502-3fa9c1/job.sh")
        #expect(submission.orderPath(3) == "/data/my runs/.slurm/20261204-061502-3fa9c1/orders/3.json")
        #expect(submission.taskID(3) == nil)
        submission.jobID = "12"
        #expect(submission.taskID(3) == "12_3" && submission.taskID(0) == "12_0")
    }

    /// Every field survives the trip; `created` to the millisecond (written with milliseconds, so one with whole
    /// milliseconds reads back equal).
    @Test func aSubmissionReadsBackAsWritten() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var submission = try Self.submission(out: root + "/runs")
        submission.fromScratch = true
        submission.timeLimit = "1-02:03:04"
        submission.signalLead = 300
        try submission.write()
        #expect(try SlurmSubmission.read(folder: submission.folder) == submission)

        let text = try String(contentsOfFile: submission.path("submission.json"), encoding: .utf8)
        // 1_796_364_902 s = 20791 days (2026-12-04, worked out in newIDHasItsShape) + 22502 s (06:15:02), and .125.
        #expect(text.contains(#""created" : "2026-12-04T06:15:02.125Z""#))
        for key in ["job_id", "working_directory", "from_scratch", "time_limit", "signal_lead", "tasks", "digest"] {
            #expect(text.contains("\"\(key)\""), "\(key)")
        }

        // Now, whatever its fraction, reads back as the millisecond it was written with.
        var now = try Self.submission(out: root + "/runs", id: "20261204-061503-000000", jobID: nil, created: Date())
        try now.write()
        now.created = try #require(UTCTimestamp.date(UTCTimestamp.string(now.created)))
        #expect(try SlurmSubmission.read(folder: now.folder) == now)
    }

    @Test func aMissingOrForeignFileIsCannotRead() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: RunError.self) { try SlurmSubmission.read(folder: root) }
        try #"{"id": "x"}"#.write(toFile: root + "/submission.json", atomically: false, encoding: .utf8)
        #expect(throws: RunError.self) { try SlurmSubmission.read(folder: root) }
    }

    /// The output folder's submissions: those with a job id, oldest first; one whose sbatch failed (no job id) is
    /// no submission; an unreadable one is a problem and hides none of the others; dot folders are not looked at.
    @Test func allListsTheSubmissionsOldestFirst() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/runs"
        // Written newest first, so that the order read is not the order written.
        let newer = try Self.submission(out: out, id: "20261207-000000-dddddd", jobID: "101",
                                        created: Date(timeIntervalSince1970: 1_796_601_600))
        try newer.write()
        let unsubmitted = try Self.submission(out: out, id: "20261205-000000-bbbbbb", jobID: nil,
                                              created: Date(timeIntervalSince1970: 1_796_428_800))
        try unsubmitted.write()
        let broken = try Self.submission(out: out, id: "20261206-000000-cccccc", jobID: "100",
                                         created: Date(timeIntervalSince1970: 1_796_515_200))
        try "{ not json".write(toFile: broken.path("submission.json"), atomically: false, encoding: .utf8)
        let older = try Self.submission(out: out, id: "20261204-061502-aaaaaa", jobID: "99")
        try older.write()
        let hidden = try Self.submission(out: out, id: ".20261201-000000-eeeeee", jobID: "98")
        try hidden.write()

        var problems: [String] = []
        let all = SlurmSubmission.all(out: out, problems: &problems)
        #expect(all.map(\.id) == ["20261204-061502-aaaaaa", "20261207-000000-dddddd"])
        #expect(all.first == older && all.last == newer)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("20261206-000000-cccccc/submission.json") == true, "\(problems)")
    }

    @Test func noSubmissionsIsNoProblem() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var problems: [String] = []
        #expect(SlurmSubmission.all(out: root + "/runs", problems: &problems).isEmpty)
        #expect(SlurmSubmission.all(out: root + "/never made", problems: &problems).isEmpty)
        #expect(problems.isEmpty)
    }

    /// `YYYYMMDD-HHMMSS-xxxxxx`, UTC, six lowercase hex digits. 1_796_364_902.999 s after 1970: 1970-2025 are 56
    /// years with 14 leap days (1972, 76, ..., 2024) = 56 * 365 + 14 = 20454 days; 2026 up to December 4th is
    /// 334 + 3 = 337 days; 20791 days * 86400 = 1_796_342_400 s, plus 6 h 15 min 2 s = 22502 s = 1_796_364_902:
    /// 2026-12-04 06:15:02 (the .999 does not round the second up: it is kept to the millisecond, then cut).
    @Test func newIDHasItsShape() throws {
        let id = SlurmSubmission.newID(at: Date(timeIntervalSince1970: 1_796_364_902.999))
        #expect(id.hasPrefix("20261204-061502-"))
        let parts = id.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 3)
        #expect(parts[0].count == 8 && parts[0].allSatisfy { "0123456789".contains($0) })
        #expect(parts[1].count == 6 && parts[1].allSatisfy { "0123456789".contains($0) })
        #expect(parts[2].count == 6 && parts[2].allSatisfy { "0123456789abcdef".contains($0) }, "\(id)")
        // Twenty ids of one second: the suffix keeps them apart (a clash is 190 pairs in 16.7 million: 1 in 88 000).
        let same = Set((0..<20).map { _ in SlurmSubmission.newID(at: Date(timeIntervalSince1970: 1_796_364_902)) })
        #expect(same.count == 20)
    }

    /// Ids sort as their times, across a minute, a day, a year and the change from 9 to 10 digits of seconds.
    @Test func newIDsSortByTime() {
        let seconds: [TimeInterval] = [
            999_999_999,      // 2001-09-09 01:46:39
            1_000_000_000,    // 2001-09-09 01:46:40
            1_796_364_902,    // 2026-12-04 06:15:02
            1_796_364_903,    // 2026-12-04 06:15:03
            1_796_364_960,    // 2026-12-04 06:16:00
            1_798_761_599,    // 2026-12-31 23:59:59 (2027-01-01 is 57 * 365 + 14 = 20819 days = 1_798_761_600 s)
            1_798_761_600,    // 2027-01-01 00:00:00
        ]
        let ids = seconds.map { SlurmSubmission.newID(at: Date(timeIntervalSince1970: $0)) }
        #expect(ids == ids.sorted(), "\(ids)")
        #expect(ids[5].hasPrefix("20261231-235959-") && ids[6].hasPrefix("20270101-000000-"))
        #expect(ids[0].hasPrefix("20010909-014639-"))
    }

    // MARK: taskEnded

    /// Counts `lastOne`'s calls and sees two of them overlap.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var inside = false
        private(set) var count = 0
        private(set) var overlaps = 0
        private(set) var errors: [String] = []

        func enter() {
            lock.lock()
            if inside { overlaps += 1 }
            inside = true
            count += 1
            lock.unlock()
        }

        func leave() {
            lock.lock()
            inside = false
            lock.unlock()
        }

        func record(_ error: any Error) {
            lock.lock()
            errors.append("\(error)")
            lock.unlock()
        }

        var snapshot: (count: Int, overlaps: Int, errors: [String]) {
            lock.lock()
            defer { lock.unlock() }
            return (count, overlaps, errors)
        }
    }

    /// Three tasks: only the third distinct index to end calls `lastOne`; the same index twice is not two.
    @Test func theLastOfThreeTasksSummarizes() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let submission = try Self.submission(out: root + "/runs", count: 3)
        var calls = 0
        try submission.taskEnded(2) { calls += 1 }
        #expect(calls == 0)
        try submission.taskEnded(0) { calls += 1 }
        #expect(calls == 0)
        try submission.taskEnded(0) { calls += 1 }
        #expect(calls == 0, "index 0 again: still two of three")
        try submission.taskEnded(1) { calls += 1 }
        #expect(calls == 1)
        #expect(Set(submission.endings().keys) == [0, 1, 2])
    }

    /// The `ended` file keeps each task's exit status and, for a task that could not train, its message on one line;
    /// a task that ends again (requeued) is read as its last line says.
    @Test func endingsKeepTheStatusAndTheMessage() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let submission = try Self.submission(out: root + "/runs", count: 3)
        try submission.taskEnded(0, status: 143) {}
        try submission.taskEnded(1, status: 1, message: "cannot read configs/x.yaml:\nno such file") {}
        try submission.taskEnded(0, status: 0) {}
        let endings = submission.endings()
        #expect(endings[0] == SlurmSubmission.Ending(status: 0, message: ""))
        #expect(endings[1] == SlurmSubmission.Ending(status: 1, message: "cannot read configs/x.yaml: no such file"))
        #expect(endings[2] == nil)
        #expect(!submission.allEnded)
    }

    /// Every task has ended, and one ends again (Slurm requeued it after a node failure, or it was run by hand):
    /// `lastOne` runs again. That is fine, even wanted: it rebuilds summary.csv and the report from every run.json
    /// below the output folder, so a second call writes the same whole summary, now with the requeued run's new
    /// record; it never adds to what the first call wrote.
    @Test func aTaskEndingAgainSummarizesAgain() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let submission = try Self.submission(out: root + "/runs", count: 3)
        var calls = 0
        for index in [0, 1, 2] { try submission.taskEnded(index) { calls += 1 } }
        #expect(calls == 1)
        try submission.taskEnded(1) { calls += 1 }
        #expect(calls == 2)
    }

    /// An error of `lastOne` reaches the task's caller.
    @Test func anErrorOfTheSummaryIsThrown() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let submission = try Self.submission(out: root + "/runs", count: 1)
        #expect(throws: PlannedRuns.Failure.self) {
            try submission.taskEnded(0) { throw PlannedRuns.Failure(description: "disk full") }
        }
    }

    /// Task 2 has ended; tasks 0 and 1 end at once on two threads. Each adds its line under the submission's lock,
    /// so whichever takes it second sees all three and `lastOne` runs at least once, never twice at once.
    @Test(arguments: 0..<5)
    func twoTasksEndingTogetherSummarizeOneAtATime(_ round: Int) throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let submission = try Self.submission(out: root + "/runs", count: 3)
        try submission.taskEnded(2) { Issue.record("two of three have not ended") }
        let calls = Calls()
        let start = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        for index in [0, 1] {
            let thread = Thread {
                start.wait()
                do {
                    try submission.taskEnded(index) {
                        calls.enter()
                        usleep(100_000)
                        calls.leave()
                    }
                } catch {
                    calls.record(error)
                }
                done.signal()
            }
            thread.start()
        }
        start.signal()
        start.signal()
        done.wait()
        done.wait()
        let seen = calls.snapshot
        #expect(seen.errors.isEmpty, "\(seen.errors)")
        #expect(seen.count >= 1 && seen.count <= 2)
        #expect(seen.overlaps == 0)
    }
}
