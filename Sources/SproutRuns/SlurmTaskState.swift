/// Where Slurm says one array task stands, from `scontrol show job` (no accounting database is assumed, so a job
/// is known only while slurmctld keeps it: `MinJobAge`, 300 s after its end by default; then `forgotten`).
package enum SlurmTaskState: Sendable, Equatable {
    /// Waiting, with Slurm's reason (`Priority`, `Resources`, `JobArrayTaskLimit`: the `--max-parallel` throttle).
    case pending(reason: String)
    /// Running (or starting, completing, suspended) on `node`.
    case running(node: String)
    case ended(Ending)
    /// Slurm no longer knows the job: it ended long enough ago to be purged.
    case forgotten

    /// How a task ended, in Slurm's words (`JobState`) made plain.
    package enum Ending: Sendable, Equatable {
        case completed
        case cancelled
        /// A non-zero exit (`ExitCode=1:0`) or a signal (`0:9`): `exitCode` as scontrol gives it.
        case failed(exitCode: String)
        /// The time limit (`TIMEOUT`).
        case timeout
        case outOfMemory
        case nodeFailure
        case preempted
        /// Any other end state (`BOOT_FAIL`, `DEADLINE`), as Slurm writes it.
        case other(String)

        /// `completed`, `failed (exit status 1)`, `killed by signal 9`, `time limit reached (TIMEOUT)`, ...
        package var description: String {
            switch self {
            case .completed: return "completed"
            case .cancelled: return "cancelled"
            case .failed(let code):
                // scontrol's ExitCode is `<exit status>:<signal>`.
                let parts = code.split(separator: ":")
                if parts.count == 2, let signal = Int(parts[1]), signal != 0 { return "killed by signal \(signal)" }
                return "failed (exit status \(parts.first.map(String.init) ?? code))"
            case .timeout: return "time limit reached (TIMEOUT)"
            case .outOfMemory: return "out of memory (OUT_OF_MEMORY)"
            case .nodeFailure: return "node failure (NODE_FAIL)"
            case .preempted: return "preempted (PREEMPTED)"
            case .other(let state): return state.lowercased().replacingOccurrences(of: "_", with: " ") + " (\(state))"
            }
        }
    }

    /// Whether the task may still train (so it must not be submitted again).
    package var isActive: Bool {
        switch self {
        case .pending, .running: return true
        case .ended, .forgotten: return false
        }
    }

    /// `pending (Priority)`, `running on node7`, `completed`, `unknown to Slurm now (ended more than MinJobAge ago)`.
    package var description: String {
        switch self {
        case .pending(let reason): return reason.isEmpty || reason == "None" ? "pending" : "pending (\(reason))"
        case .running(let node): return node.isEmpty ? "running" : "running on \(node)"
        case .ended(let ending): return ending.description
        case .forgotten: return "no longer known to Slurm (it ended a while ago)"
        }
    }

    /// The state scontrol's fields (`JobState`, `Reason`, `NodeList`, `ExitCode`) describe.
    package init(fields: [String: String]) {
        let state = fields["JobState"] ?? ""
        switch state {
        case "PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD":
            self = .pending(reason: fields["Reason"] ?? "")
        case "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "STOPPED", "SIGNALING", "RESIZING", "STAGE_OUT":
            self = .running(node: fields["NodeList"].map { $0 == "(null)" ? "" : $0 } ?? "")
        case "COMPLETED": self = .ended(.completed)
        case "CANCELLED": self = .ended(.cancelled)
        case "FAILED": self = .ended(.failed(exitCode: fields["ExitCode"] ?? "?"))
        case "TIMEOUT": self = .ended(.timeout)
        case "OUT_OF_MEMORY": self = .ended(.outOfMemory)
        case "NODE_FAIL": self = .ended(.nodeFailure)
        case "PREEMPTED": self = .ended(.preempted)
        default: self = .ended(.other(state.isEmpty ? "UNKNOWN" : state))
        }
    }
}
