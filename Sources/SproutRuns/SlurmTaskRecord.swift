import Foundation

/// run.json's `slurm`: the array task of a `sprout run --slurm` submission that trains or trained the run, as the
/// task found it in its environment (`SLURM_ARRAY_JOB_ID`, `SLURM_ARRAY_TASK_ID`, `SLURMD_NODENAME`), so that
/// `sprout status` can ask Slurm about that task and tell a run whose node is gone from one still training.
package struct SlurmTaskRecord: Codable, Sendable, Equatable {
    /// The array's job id (`12`).
    package var jobID: String
    /// The task's index in the array: the run's position in the submission (`SlurmSubmission.tasks`).
    package var task: Int
    /// Slurm's name of the node that runs it.
    package var node: String
    /// Which attempt of the task this is: `SLURM_RESTART_COUNT`, 0 for the first, one more each time Slurm requeued
    /// it; nil in records of a Sprout before it was kept.
    package var restarts: Int?

    package init(jobID: String, task: Int, node: String, restarts: Int? = nil) {
        self.jobID = jobID
        self.task = task
        self.node = node
        self.restarts = restarts
    }

    /// Slurm's id of the task, `12_3`, as squeue, scontrol and scancel take it.
    package var id: String { "\(jobID)_\(task)" }

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", task = "array_task_id", node, restarts
    }

    /// The task this process is, from the variables Slurm sets in a job array's environment; nil outside one.
    package static func current(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> SlurmTaskRecord? {
        guard let job = environment["SLURM_ARRAY_JOB_ID"], !job.isEmpty,
              let task = environment["SLURM_ARRAY_TASK_ID"].flatMap({ Int($0) }) else { return nil }
        return SlurmTaskRecord(jobID: job, task: task, node: environment["SLURMD_NODENAME"] ?? Provenance.hostName,
                               restarts: Int(environment["SLURM_RESTART_COUNT"] ?? "0") ?? 0)
    }
}

extension RunRecord {
    /// Whether the process run.json names may still be training the run. A pid means something only on the machine
    /// that wrote it (`host`): there it must be a live `sprout` process. A Slurm task's record written on another
    /// node cannot be checked from here, so it counts as live until Slurm says its task ended (`SlurmView`, which
    /// then settles the record as failed with Slurm's reason).
    package var processMayBeLive: Bool {
        if slurm != nil, let host, !host.isEmpty, host != Provenance.hostName { return true }
        return RunState.processIsSprout(pid)
    }
}
