import Foundation
import Testing
@testable import SproutRuns

/// `scontrol -o show job <array>` read into each task's state; the lines are as Slurm 22.05 writes them (one job
/// record a line, `Key=Value` fields, paths with spaces in them unquoted).
@Suite struct SlurmQueueTests {
    // MARK: ArrayTaskId

    @Test func oneIndex() {
        #expect(SlurmQueue.taskIndices("3") == [3])
        #expect(SlurmQueue.taskIndices("0") == [0])
    }

    @Test func aRange() {
        #expect(SlurmQueue.taskIndices("4-7") == [4, 5, 6, 7])
        #expect(SlurmQueue.taskIndices("5-5") == [5])
    }

    @Test func aList() {
        #expect(SlurmQueue.taskIndices("1,3,5-6") == [1, 3, 5, 6])
        #expect(SlurmQueue.taskIndices("0-1,10,12-13") == [0, 1, 10, 12, 13])
    }

    /// `0-15:4`: from 0 to 15 in steps of 4, so 0, 4, 8, 12 (16 is past 15).
    @Test func aStep() {
        #expect(SlurmQueue.taskIndices("0-15:4") == [0, 4, 8, 12])
        // 1, 1 + 3 = 4, 7, 10 (13 is past 12)
        #expect(SlurmQueue.taskIndices("1-12:3") == [1, 4, 7, 10])
        // 3-15:4 = 3, 7, 11, 15 (15 is the end itself)
        #expect(SlurmQueue.taskIndices("3-15:4,20") == [3, 7, 11, 15, 20])
    }

    /// `%2` is the throttle (two at a time), not an index.
    @Test func theThrottleIsNoIndex() {
        #expect(SlurmQueue.taskIndices("4-7%2") == [4, 5, 6, 7])
        #expect(SlurmQueue.taskIndices("1,3,5-6%1") == [1, 3, 5, 6])
        #expect(SlurmQueue.taskIndices("0-15:4%2") == [0, 4, 8, 12])
    }

    /// Text that is no index list gives no index (nor a crash): letters, Slurm's placeholders, a range backwards,
    /// a number too large for an Int, a range longer than Slurm's largest array.
    @Test(arguments: ["", "abc", "N/A", "(null)", ",", ",,", "7-4", "99999999999999999999", "0-4000001",
                      "a-b", "x,y-z"])
    func garbageGivesNoIndex(_ text: String) {
        #expect(SlurmQueue.taskIndices(text) == [])
    }

    // MARK: scontrol's lines

    /// The fields of a Slurm 22.05 record between `ArrayTaskThrottle` and `JobState` and after it, as printed.
    static func line(job: Int, task: String, state: String, reason: String, exit: String = "0:0", nodes: String = "vm",
                     command: String = "/tmp/my runs/.slurm/20261204-061502-3fa9c1/job.sh",
                     workDir: String = "/tmp/my runs") -> String {
        "JobId=\(job) ArrayJobId=12 ArrayTaskId=\(task) ArrayTaskThrottle=2 JobName=sprout UserId=root(0) GroupId=root(0) "
            + "MCS_label=N/A Priority=4294901759 Nice=0 Account=(null) QOS=(null) JobState=\(state) Reason=\(reason) "
            + "Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=\(exit) RunTime=00:00:00 "
            + "TimeLimit=UNLIMITED TimeMin=N/A SubmitTime=2026-12-04T06:15:02 EligibleTime=2026-12-04T06:15:02 "
            + "AccrueTime=2026-12-04T06:15:02 StartTime=2026-12-04T06:15:03 EndTime=Unknown Deadline=N/A "
            + "SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-04T06:15:03 Scheduler=Main Partition=debug "
            + "AllocNode:Sid=vm:3124 ReqNodeList=(null) ExcNodeList=(null) NodeList=\(nodes) BatchHost=vm NumNodes=1 "
            + "NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,mem=1M,node=1,billing=1 Socks/Node=* "
            + "NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) "
            + "DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=\(command) "
            + "WorkDir=\(workDir) StdErr=\(workDir)/logs/12_\(task).out StdIn=/dev/null StdOut=\(workDir)/logs/12_\(task).out "
            + "Power="
    }

    /// An array of 12 tasks in every state, the pending remainder's record last but one, then a record of another
    /// array that covers every index (it must change nothing).
    static let output = [
        line(job: 13, task: "0", state: "TIMEOUT", reason: "TimeLimit", exit: "0:15"),
        line(job: 14, task: "1", state: "RUNNING", reason: "None", nodes: "node7"),
        line(job: 15, task: "2", state: "OUT_OF_MEMORY", reason: "OutOfMemory", exit: "0:125"),
        line(job: 16, task: "3", state: "COMPLETED", reason: "None"),
        line(job: 17, task: "8", state: "NODE_FAIL", reason: "NodeDown", exit: "0:0"),
        line(job: 18, task: "9", state: "CANCELLED", reason: "None", exit: "0:15"),
        line(job: 19, task: "10", state: "FAILED", reason: "NonZeroExitCode", exit: "1:0"),
        // The real state comes first; the job's path holds text that looks like later fields.
        line(job: 20, task: "11", state: "COMPLETED", reason: "None",
             command: "/tmp/x JobState=RUNNING NodeList=evil ArrayJobId=99 ArrayTaskId=0-11/job.sh",
             workDir: "/tmp/x JobState=RUNNING Reason=Evil"),
        line(job: 12, task: "4-7%2", state: "PENDING", reason: "JobArrayTaskLimit", nodes: "(null)"),
        "JobId=30 ArrayJobId=30 ArrayTaskId=0-11 JobName=other JobState=RUNNING Reason=None NodeList=other ExitCode=0:0",
        "JobId=31 JobName=plain JobState=FAILED Reason=None NodeList=vm ExitCode=2:0",
    ].joined(separator: "\n") + "\n"

    @Test func everyTaskHasItsState() {
        let states = SlurmQueue.tasks(in: Self.output, jobID: "12")
        let expected: [Int: SlurmTaskState] = [
            0: .ended(.timeout), 1: .running(node: "node7"), 2: .ended(.outOfMemory), 3: .ended(.completed),
            4: .pending(reason: "JobArrayTaskLimit"), 5: .pending(reason: "JobArrayTaskLimit"),
            6: .pending(reason: "JobArrayTaskLimit"), 7: .pending(reason: "JobArrayTaskLimit"),
            8: .ended(.nodeFailure), 9: .ended(.cancelled), 10: .ended(.failed(exitCode: "1:0")),
            11: .ended(.completed),
        ]
        #expect(states == expected)
    }

    /// The first occurrence of a key wins: the state scontrol gave, not the text in the job's path after it.
    @Test func theFirstJobStateWins() {
        let fields = SlurmQueue.fields(of: Self.line(job: 20, task: "11", state: "COMPLETED", reason: "None",
                                                     command: "/tmp/a JobState=RUNNING NodeList=evil/job.sh"))
        #expect(fields["JobState"] == "COMPLETED" && fields["NodeList"] == "vm" && fields["ArrayTaskId"] == "11")
        #expect(fields["Command"] == "/tmp/a", "a path with spaces is cut at the first space; no field we read follows it")
    }

    /// Lines of other jobs, and an output without the job, give nothing.
    @Test func otherJobsAreIgnored() {
        #expect(SlurmQueue.tasks(in: Self.output, jobID: "30") == Dictionary(uniqueKeysWithValues:
            (0...11).map { ($0, SlurmTaskState.running(node: "other")) }))
        #expect(SlurmQueue.tasks(in: Self.output, jobID: "1").isEmpty, "12 starts with 1, but is not 1")
        #expect(SlurmQueue.tasks(in: Self.output, jobID: "120").isEmpty)
        #expect(SlurmQueue.tasks(in: Self.output, jobID: "31").isEmpty, "not an array: no ArrayTaskId")
        #expect(SlurmQueue.tasks(in: "", jobID: "12").isEmpty)
    }

    /// Only the pending remainder is left (nothing started yet): every index pending, with Slurm's reason.
    @Test func aWhollyPendingArray() {
        let text = Self.line(job: 12, task: "0-3", state: "PENDING", reason: "Priority", nodes: "(null)")
        let states = SlurmQueue.tasks(in: text, jobID: "12")
        #expect(states == [0: .pending(reason: "Priority"), 1: .pending(reason: "Priority"),
                           2: .pending(reason: "Priority"), 3: .pending(reason: "Priority")])
    }

    /// Windows line ends and blank lines change nothing.
    @Test func lineEndsAndBlankLines() {
        let text = "\r\n" + Self.line(job: 13, task: "0", state: "COMPLETED", reason: "None") + "\r\n\r\n"
            + Self.line(job: 14, task: "1", state: "RUNNING", reason: "None", nodes: "node2") + "\r\n"
        #expect(SlurmQueue.tasks(in: text, jobID: "12") == [0: .ended(.completed), 1: .running(node: "node2")])
    }

    /// `Restarts=` per started task: how often Slurm requeued it (what `SlurmView.settle` compares with the record's
    /// attempt); the pending remainder's record counts for its indices too, and another job's lines for none.
    @Test func restartsAreReadPerTask() {
        let requeued = Self.line(job: 14, task: "2", state: "RUNNING", reason: "None")
            .replacingOccurrences(of: "Restarts=0", with: "Restarts=3")
        let output = [Self.line(job: 13, task: "1", state: "COMPLETED", reason: "None"), requeued,
                      Self.line(job: 12, task: "4-5%2", state: "PENDING", reason: "JobArrayTaskLimit")].joined(separator: "\n")
        #expect(SlurmQueue.restarts(in: output, jobID: "12") == [1: 0, 2: 3, 4: 0, 5: 0])
        #expect(SlurmQueue.restarts(in: output, jobID: "99") == [:])
    }
}
