import Foundation
import Testing
@testable import SproutRuns

/// run.json's `slurm`: the array task found in the environment, kept through a write and a read, absent from an
/// older record; and whether a record's process may still be training (`processMayBeLive`).
@Suite struct SlurmTaskRecordTests {
    @Test func theTaskIsReadFromSlurmsVariables() throws {
        let task = try #require(SlurmTaskRecord.current(["SLURM_ARRAY_JOB_ID": "12", "SLURM_ARRAY_TASK_ID": "3",
                                                         "SLURMD_NODENAME": "node7", "SLURM_JOB_ID": "16"]))
        // No SLURM_RESTART_COUNT: the first attempt.
        #expect(task == SlurmTaskRecord(jobID: "12", task: 3, node: "node7", restarts: 0))
        #expect(task.id == "12_3", "the array's id, not the task's own job id (16)")
    }

    /// A requeued task's attempt is counted by Slurm's SLURM_RESTART_COUNT.
    @Test func aRequeuedAttemptKnowsItsNumber() throws {
        let task = try #require(SlurmTaskRecord.current(["SLURM_ARRAY_JOB_ID": "12", "SLURM_ARRAY_TASK_ID": "3",
                                                         "SLURM_RESTART_COUNT": "2"]))
        #expect(task.restarts == 2)
    }

    /// No node name: this machine's.
    @Test func withoutANodeNameTheHostIsTheNode() throws {
        let task = try #require(SlurmTaskRecord.current(["SLURM_ARRAY_JOB_ID": "12", "SLURM_ARRAY_TASK_ID": "0"]))
        #expect(task.node == Provenance.hostName && task.task == 0 && task.id == "12_0")
    }

    /// Outside a job array (a plain job, a login shell), or with a task id that is no number: no task.
    @Test(arguments: [
        [:],
        ["SLURM_JOB_ID": "16", "SLURMD_NODENAME": "node7"],
        ["SLURM_ARRAY_JOB_ID": "12"],
        ["SLURM_ARRAY_TASK_ID": "3"],
        ["SLURM_ARRAY_JOB_ID": "", "SLURM_ARRAY_TASK_ID": "3"],
        ["SLURM_ARRAY_JOB_ID": "12", "SLURM_ARRAY_TASK_ID": ""],
        ["SLURM_ARRAY_JOB_ID": "12", "SLURM_ARRAY_TASK_ID": "three"],
        ["SLURM_ARRAY_JOB_ID": "12", "SLURM_ARRAY_TASK_ID": "4294967296000000000000"],
        ["SLURM_ARRAY_JOB_ID": "12", "SLURM_ARRAY_TASK_ID": "3 "],
        ["SLURM_ARRAY_JOB_ID": "12", "SLURM_ARRAY_TASK_ID": "1.5"],
        ["SLURM_ARRAY_JOB_ID": "12", "SLURM_ARRAY_TASK_ID": "N/A"],
    ] as [[String: String]])
    func noTaskOutsideAnArray(_ environment: [String: String]) {
        #expect(SlurmTaskRecord.current(environment) == nil)
    }

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-slurm-record-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The task survives run.json's write and read, under its snake_case keys.
    @Test func runJSONKeepsTheTask() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var record = PlannedRuns.record(.running)
        record.host = "node7"
        record.slurm = SlurmTaskRecord(jobID: "12", task: 3, node: "node7")
        try record.write(to: directory + "/run.json")
        let text = try String(contentsOfFile: directory + "/run.json", encoding: .utf8)
        #expect(text.contains(#""slurm" : {"#))
        #expect(text.contains(#""job_id" : "12""#))
        #expect(text.contains(#""array_task_id" : 3"#))
        #expect(text.contains(#""node" : "node7""#))
        let read = try #require(try RunRecord.read(directory: directory))
        #expect(read.slurm == record.slurm)
        #expect(read == record)
    }

    /// A local run's record says `"slurm" : null`, and reads back without a task.
    @Test func aLocalRunHasNoTask() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let record = PlannedRuns.record(.completed)
        try record.write(to: directory + "/run.json")
        #expect(try String(contentsOfFile: directory + "/run.json", encoding: .utf8).contains(#""slurm" : null"#))
        #expect(try RunRecord.read(directory: directory)?.slurm == nil)
    }

    /// A record of a Sprout before `--slurm` has no `slurm` key: read, with no task.
    @Test func anOlderRecordHasNoTask() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
            {"status": "completed", "name": "xor", "config": "configs/xor.yaml", "started": "2026-11-29T14:28:21.479Z",
             "ended": "2026-11-29T14:28:22.000Z", "seed": 1, "sprout_version": "0.1.0", "pid": 48213, "host": "laptop",
             "epochs": 100}
            """.write(toFile: directory + "/run.json", atomically: true, encoding: .utf8)
        let read = try #require(try RunRecord.read(directory: directory))
        #expect(read.slurm == nil && read.name == "xor" && read.host == "laptop")
    }

    // MARK: processMayBeLive

    /// The pid of a process that has ended (and been reaped): no process has it now.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    static func record(host: String?, slurm: Bool, pid: Int32) -> RunRecord {
        var record = PlannedRuns.record(.running, pid: pid)
        record.host = host
        record.slurm = slurm ? SlurmTaskRecord(jobID: "12", task: 3, node: host ?? "") : nil
        return record
    }

    /// Written by a Slurm task on another node: its pid means nothing here, so it counts as live until Slurm says
    /// the task ended.
    @Test func aTaskOnAnotherNodeMayBeLive() throws {
        #expect(Self.record(host: "some-other-host", slurm: true, pid: try Self.deadPID()).processMayBeLive)
        #expect(Self.record(host: "some-other-host", slurm: true, pid: 0).processMayBeLive)
    }

    /// Written by a Slurm task on this machine: its pid is checked, and a process that has ended is not live.
    @Test func aTaskHereWhoseProcessEndedIsNotLive() throws {
        #expect(Provenance.hostName != "some-other-host")
        #expect(!Self.record(host: Provenance.hostName, slurm: true, pid: try Self.deadPID()).processMayBeLive)
    }

    /// No Slurm task: the host does not matter, the pid is checked here, and a dead one is not live.
    @Test func aLocalRunOfAnotherHostWithADeadPidIsNotLive() throws {
        #expect(!Self.record(host: "some-other-host", slurm: false, pid: try Self.deadPID()).processMayBeLive)
        #expect(!Self.record(host: Provenance.hostName, slurm: false, pid: try Self.deadPID()).processMayBeLive)
    }

    /// A Slurm task's record without a host (or an empty one) cannot be placed on another node: the pid decides.
    @Test func aTaskWithoutAHostIsJudgedByItsPid() throws {
        #expect(!Self.record(host: nil, slurm: true, pid: try Self.deadPID()).processMayBeLive)
        #expect(!Self.record(host: "", slurm: true, pid: try Self.deadPID()).processMayBeLive)
    }

    /// A live process that is not `sprout` (this test runner) is no training run.
    @Test func aLiveProcessThatIsNotSproutIsNotLive() {
        #expect(!Self.record(host: Provenance.hostName, slurm: true, pid: getpid()).processMayBeLive)
        #expect(!Self.record(host: Provenance.hostName, slurm: false, pid: getpid()).processMayBeLive)
    }
}
