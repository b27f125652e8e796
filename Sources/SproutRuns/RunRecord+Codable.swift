import Foundation

/// run.json's keys and how each is read and written. Every key is written (`null` when there is no value), so a
/// reader sees the same fields whatever the outcome; every key but `status` may be missing when read (an older
/// Sprout's record), and takes its "unknown" value.
extension RunRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case status, error, name, config, started, ended, seed, fingerprint, inputs, pid, epochs, steps, final, outputs
        case test
        case openblas, git, command, host
        case configFile = "config_file", version = "sprout_version", blasThreads = "blas_threads"
        case epochsCompleted = "epochs_completed", stoppedEarlyAt = "stopped_early_at", divergedAt = "diverged_at"
        case interruptedBy = "interrupted_by", classNames = "class_names", resumes, best
        case restoredBest = "restored_best", overrides, slurm
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decode(Status.self, forKey: .status)
        error = try c.decodeIfPresent(String.self, forKey: .error)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        config = try c.decodeIfPresent(String.self, forKey: .config) ?? ""
        configFile = try c.decodeIfPresent(String.self, forKey: .configFile)
        overrides = try c.decodeIfPresent([String].self, forKey: .overrides) ?? []
        started = try c.decodeIfPresent(String.self, forKey: .started).flatMap(Self.date) ?? Date(timeIntervalSince1970: 0)
        ended = try c.decodeIfPresent(String.self, forKey: .ended).flatMap(Self.date)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
        version = try c.decodeIfPresent(String.self, forKey: .version) ?? ""
        inputs = try c.decodeIfPresent(RunFingerprint.self, forKey: .inputs) ?? RunFingerprint(version: "", config: "", files: [], log: "")
        digest = try c.decodeIfPresent(String.self, forKey: .fingerprint) ?? inputs.digest
        pid = try c.decodeIfPresent(Int32.self, forKey: .pid) ?? 0
        blasThreads = try c.decodeIfPresent(Int.self, forKey: .blasThreads)
        openblas = try c.decodeIfPresent(OpenBLASBuild.self, forKey: .openblas)
        git = try c.decodeIfPresent(Provenance.Git.self, forKey: .git)
        command = try c.decodeIfPresent([String].self, forKey: .command)
        host = try c.decodeIfPresent(String.self, forKey: .host)
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? 0
        epochsCompleted = try c.decodeIfPresent(Int.self, forKey: .epochsCompleted) ?? 0
        steps = try c.decodeIfPresent(Int.self, forKey: .steps) ?? 0
        stoppedEarlyAt = try c.decodeIfPresent(Int.self, forKey: .stoppedEarlyAt)
        divergedAt = try c.decodeIfPresent(Position.self, forKey: .divergedAt)
        interruptedBy = try c.decodeIfPresent(String.self, forKey: .interruptedBy)
        classNames = try c.decodeIfPresent([String].self, forKey: .classNames)
        final = try c.decodeIfPresent(FinalMetrics.self, forKey: .final)
        test = try c.decodeIfPresent(Evaluation.self, forKey: .test)
        outputs = try c.decodeIfPresent(RunOutputs.self, forKey: .outputs)
        resumes = try c.decodeIfPresent([Resume].self, forKey: .resumes) ?? []
        best = try c.decodeIfPresent(Best.self, forKey: .best)
        restoredBest = try c.decodeIfPresent(Int.self, forKey: .restoredBest)
        slurm = try c.decodeIfPresent(SlurmTaskRecord.self, forKey: .slurm)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(error, forKey: .error)
        try c.encode(name, forKey: .name)
        try c.encode(config, forKey: .config)
        try c.encode(configFile, forKey: .configFile)
        try c.encode(overrides, forKey: .overrides)
        try c.encode(started, forKey: .started)
        try c.encode(ended, forKey: .ended)
        try c.encode(seed, forKey: .seed)
        try c.encode(version, forKey: .version)
        try c.encode(digest, forKey: .fingerprint)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(pid, forKey: .pid)
        try c.encode(blasThreads, forKey: .blasThreads)
        try c.encode(openblas, forKey: .openblas)
        try c.encode(git, forKey: .git)
        try c.encode(command, forKey: .command)
        try c.encode(host, forKey: .host)
        try c.encode(epochs, forKey: .epochs)
        try c.encode(epochsCompleted, forKey: .epochsCompleted)
        try c.encode(steps, forKey: .steps)
        try c.encode(stoppedEarlyAt, forKey: .stoppedEarlyAt)
        try c.encode(divergedAt, forKey: .divergedAt)
        try c.encode(interruptedBy, forKey: .interruptedBy)
        try c.encode(classNames, forKey: .classNames)
        try c.encode(final, forKey: .final)
        try c.encode(test, forKey: .test)
        try c.encode(outputs, forKey: .outputs)
        try c.encode(resumes, forKey: .resumes)
        try c.encode(best, forKey: .best)
        try c.encode(restoredBest, forKey: .restoredBest)
        try c.encode(slurm, forKey: .slurm)
    }
}
