import Foundation
import Testing
@testable import SproutRuns

/// A task's state from scontrol's fields: which states still hold the run (so it is not submitted again), and the
/// words `sprout status` prints for each.
@Suite struct SlurmTaskStateTests {
    static func state(_ jobState: String?, reason: String? = nil, nodes: String? = nil, exit: String? = nil) -> SlurmTaskState {
        var fields: [String: String] = [:]
        fields["JobState"] = jobState
        fields["Reason"] = reason
        fields["NodeList"] = nodes
        fields["ExitCode"] = exit
        return SlurmTaskState(fields: fields)
    }

    @Test func waitingStatesArePending() {
        #expect(Self.state("PENDING", reason: "Priority") == .pending(reason: "Priority"))
        #expect(Self.state("PENDING", reason: "JobArrayTaskLimit") == .pending(reason: "JobArrayTaskLimit"))
        #expect(Self.state("REQUEUED", reason: "BeginTime") == .pending(reason: "BeginTime"))
        #expect(Self.state("REQUEUE_HOLD", reason: "JobHeldAdmin") == .pending(reason: "JobHeldAdmin"))
        #expect(Self.state("PENDING") == .pending(reason: ""))
    }

    @Test func startedStatesAreRunning() {
        #expect(Self.state("RUNNING", reason: "None", nodes: "node7") == .running(node: "node7"))
        #expect(Self.state("COMPLETING", nodes: "node7") == .running(node: "node7"))
        #expect(Self.state("CONFIGURING", nodes: "(null)") == .running(node: ""), "(null) is no node")
        #expect(Self.state("SUSPENDED", nodes: "gpu[01-02]") == .running(node: "gpu[01-02]"))
        #expect(Self.state("RUNNING") == .running(node: ""))
    }

    @Test func endStatesAreEnded() {
        #expect(Self.state("COMPLETED", exit: "0:0") == .ended(.completed))
        #expect(Self.state("CANCELLED", exit: "0:15") == .ended(.cancelled))
        #expect(Self.state("FAILED", exit: "1:0") == .ended(.failed(exitCode: "1:0")))
        #expect(Self.state("FAILED", exit: "0:9") == .ended(.failed(exitCode: "0:9")))
        #expect(Self.state("FAILED") == .ended(.failed(exitCode: "?")))
        #expect(Self.state("TIMEOUT", reason: "TimeLimit") == .ended(.timeout))
        #expect(Self.state("OUT_OF_MEMORY", reason: "OutOfMemory") == .ended(.outOfMemory))
        #expect(Self.state("NODE_FAIL", reason: "NodeDown") == .ended(.nodeFailure))
        #expect(Self.state("PREEMPTED") == .ended(.preempted))
        #expect(Self.state("BOOT_FAIL") == .ended(.other("BOOT_FAIL")))
        #expect(Self.state("DEADLINE") == .ended(.other("DEADLINE")))
        #expect(Self.state(nil) == .ended(.other("UNKNOWN")), "no JobState at all")
    }

    /// Pending and running hold the run; an end, or a job Slurm has forgotten, does not.
    @Test func onlyPendingAndRunningAreActive() {
        let active: [SlurmTaskState] = [.pending(reason: "Priority"), .pending(reason: ""), .running(node: "node7"),
                                        .running(node: "")]
        let inactive: [SlurmTaskState] = [.ended(.completed), .ended(.cancelled), .ended(.failed(exitCode: "1:0")),
                                          .ended(.timeout), .ended(.outOfMemory), .ended(.nodeFailure), .ended(.preempted),
                                          .ended(.other("BOOT_FAIL")), .forgotten]
        for state in active { #expect(state.isActive, "\(state)") }
        for state in inactive { #expect(!state.isActive, "\(state)") }
    }

    /// The words by hand: Slurm's reason when there is one (`None` is none), the node when known, each end state in
    /// plain words with Slurm's own name where it differs.
    @Test func descriptions() {
        #expect(SlurmTaskState.pending(reason: "Priority").description == "pending (Priority)")
        #expect(SlurmTaskState.pending(reason: "JobArrayTaskLimit").description == "pending (JobArrayTaskLimit)")
        #expect(SlurmTaskState.pending(reason: "None").description == "pending")
        #expect(SlurmTaskState.pending(reason: "").description == "pending")
        #expect(SlurmTaskState.running(node: "node7").description == "running on node7")
        #expect(SlurmTaskState.running(node: "").description == "running")
        #expect(SlurmTaskState.ended(.completed).description == "completed")
        #expect(SlurmTaskState.ended(.cancelled).description == "cancelled")
        // scontrol's ExitCode is `<exit status>:<signal>`: 1:0 is exit status 1, no signal; 0:9 is signal 9 (SIGKILL).
        #expect(SlurmTaskState.ended(.failed(exitCode: "1:0")).description == "failed (exit status 1)")
        #expect(SlurmTaskState.ended(.failed(exitCode: "2:0")).description == "failed (exit status 2)")
        #expect(SlurmTaskState.ended(.failed(exitCode: "0:9")).description == "killed by signal 9")
        #expect(SlurmTaskState.ended(.failed(exitCode: "0:15")).description == "killed by signal 15")
        #expect(SlurmTaskState.ended(.timeout).description == "time limit reached (TIMEOUT)")
        #expect(SlurmTaskState.ended(.outOfMemory).description == "out of memory (OUT_OF_MEMORY)")
        #expect(SlurmTaskState.ended(.nodeFailure).description == "node failure (NODE_FAIL)")
        #expect(SlurmTaskState.ended(.preempted).description == "preempted (PREEMPTED)")
        // Any other end state: its name in lower case, `_` as a space, then the name itself.
        #expect(SlurmTaskState.ended(.other("BOOT_FAIL")).description == "boot fail (BOOT_FAIL)")
        #expect(SlurmTaskState.ended(.other("DEADLINE")).description == "deadline (DEADLINE)")
        #expect(SlurmTaskState.ended(.other("UNKNOWN")).description == "unknown (UNKNOWN)")
        // Forgotten: it says Slurm no longer knows, and claims neither a pending nor a running task.
        let forgotten = SlurmTaskState.forgotten.description
        #expect(forgotten.contains("Slurm") && !forgotten.hasPrefix("pending") && !forgotten.hasPrefix("running"))
    }
}
