import Foundation
import SproutConfig
import SproutRuns
import SproutNN

/// What one finished run reports back to the CLI.
public struct RunSummary: Sendable {
    public var name: String
    public var directory: String
    public var outcome: RunOutcome
    /// The last logged training loss and accuracy.
    public var finalLoss: Double
    public var finalAccuracy: Double?
    /// The epoch early stopping ended a completed run at (metrics.csv ends with its row); nil: every epoch ran.
    public var stoppedEarlyAt: Int?
}

/// Runs one experiment into its run directory (the batch runner's `<out>/<folder>/<name>[/<variant>]/`):
///
/// - `config.yaml`: the resolved config (every default filled in), which Sprout accepts and which reproduces the run;
/// - `run.json`: status `running` from the start, then how the run ended (`RunRecord`), rewritten atomically;
/// - `metrics.csv`: a row for epoch 0 and each logged epoch, each row on disk as soon as it is measured;
/// - `layers.csv` (`log.layers`): per-node diagnostics on the same epochs (`LayerDiagnostics`);
/// - `init.safetensors`, `final.safetensors`, `epoch-N.safetensors` (`log.checkpoints`): the parameters with their
///   PyTorch state_dict names and layouts, and metadata (fingerprint, epoch, step), each written atomically.
///
/// Everything that can fail before training (the engine's support, the data, the network, the fingerprint's file
/// reads) is done before the directory is touched, so such a failure leaves the previous run's files as they were
/// and is reported as an error with nothing written. Once training has started, every ending is recorded in
/// run.json: completed, diverged, interrupted (SIGINT/SIGTERM, after the step in progress), or failed with the
/// message of the error that ended it.
public enum ExperimentRunner {
    /// Gives this process's OpenBLAS the run's `train.threads`. Process-wide, so only a process that trains one
    /// run at a time calls it: `sprout worker` and `sprout bench`.
    public static func useThreads(of spec: ExperimentSpec) { BLAS.setThreads(spec.train.threads) }

    /// `configPath` is the file as given on the command line (recorded in run.json); `runName` is the run
    /// directory relative to the batch's output folder (in run.json, checkpoints' metadata and progress lines).
    /// `plannedFingerprint`: the digest the batch decided to run; a different one now (the config or its data was
    /// edited since) refuses the run, so that no run trains from a plan it does not match. `progress` hears of every
    /// epoch and every logged epoch.
    ///
    /// The run directory is locked (`RunLock`) from before anything is written until the run ends, so a second
    /// process asked to train the same run (another batch) is refused instead of writing over this one.
    public static func run(_ spec: ExperimentSpec, configPath: String, directory: String, runName: String,
                           plannedFingerprint: String? = nil,
                           progress: (RunProgress) -> Void = { _ in }) throws -> RunSummary {
        let trainer = try Trainer(spec: spec)
        let fingerprint = try RunFingerprint.of(spec, configFile: configPath)
        if let plannedFingerprint, plannedFingerprint != fingerprint.digest {
            throw RunError.changedSincePlanned(config: configPath)
        }
        let lock = try RunLock(directory: directory)
        defer { lock.release() }
        func file(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

        var record = RunRecord(status: .running, name: runName, config: configPath, started: Date(),
                               seed: spec.seed, version: SproutVersion.current, fingerprint: fingerprint,
                               epochs: spec.train.epochs)
        record.configFile = URL(fileURLWithPath: configPath).standardizedFileURL.path
        record.classNames = trainer.data.classNames
        record.blasThreads = BLAS.threads
        try record.write(to: file("run.json"))
        do {
            try removePreviousOutputs(in: directory)
            try AtomicFile.write(ResolvedConfig.yaml(spec), to: file("config.yaml"))
            let metrics = try CSVWriter(path: file("metrics.csv"), columns: MetricsRow.columns)
            let layers = spec.log.layers ? try CSVWriter(path: file("layers.csv"), columns: LayerDiagnostics.columns) : nil
            func checkpoint(_ name: String, epoch: Int) throws {
                try Checkpoint.write(trainer.network, to: file(name), metadata: [
                    "name": runName, "fingerprint": fingerprint.digest, "epoch": String(epoch),
                    "step": String(trainer.steps), "sprout_version": SproutVersion.current,
                ])
            }
            if spec.log.checkpoints.initial { try checkpoint("init.safetensors", epoch: 0) }
            let clock = ContinuousClock()
            let start = clock.now
            func seconds() -> Double {
                let elapsed = clock.now - start
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            }
            var accuracy: Double?
            let outcome = try trainer.run(report: { row in
                try metrics.write(row: row.fields)
                if let layers { try layers.write(rows: trainer.layerRows(epoch: row.epoch)) }
                record.final = RunRecord.FinalMetrics(row)
                if row.trainLoss.isFinite { record.epochsCompleted = row.epoch }
                accuracy = row.trainAccuracy
                progress(RunProgress(name: runName, epoch: row.epoch, epochs: spec.train.epochs,
                                     loss: row.trainLoss, accuracy: accuracy, elapsed: seconds(), logged: true))
            }, epochEnded: { epoch, meanLoss in
                record.epochsCompleted = epoch
                let every = spec.log.checkpoints.every
                if every > 0, epoch % every == 0 { try checkpoint("epoch-\(epoch).safetensors", epoch: epoch) }
                progress(RunProgress(name: runName, epoch: epoch, epochs: spec.train.epochs, loss: meanLoss,
                                     accuracy: accuracy, elapsed: seconds(), logged: false))
            })
            record.steps = trainer.steps
            record.stoppedEarlyAt = trainer.stoppedEarlyAt
            // The weights as the run ended, whatever the ending (a diverged run's are its last finite ones: the step
            // whose loss was not finite made no update).
            if spec.log.checkpoints.final { try checkpoint("final.safetensors", epoch: record.epochsCompleted) }
            switch outcome {
            case .completed:
                record.status = .completed
            case .diverged(let epoch, let step):
                record.status = .diverged
                record.divergedAt = RunRecord.Position(epoch: epoch, step: step)
            case .interrupted(_, _, let signal):
                record.status = .interrupted
                record.interruptedBy = StopRequest.name(signal)
            }
            record.ended = Date()
            try record.write(to: file("run.json"))
            return RunSummary(name: runName, directory: directory, outcome: outcome,
                              finalLoss: record.final?.trainLoss ?? .nan, finalAccuracy: record.final?.trainAccuracy,
                              stoppedEarlyAt: trainer.stoppedEarlyAt)
        } catch {
            // Best effort: the disk that failed may refuse this write too; the error itself is what gets reported.
            record.status = .failed
            record.error = "\(error)"
            record.steps = trainer.steps
            record.ended = Date()
            try? record.write(to: file("run.json"))
            throw error
        }
    }

    /// What an earlier run in this directory wrote that this run may not write again (layers.csv when log.layers is
    /// now off, checkpoints of other epochs): removed once this run has started (run.json says running), so the
    /// directory never mixes two runs' files. metrics.csv and config.yaml are replaced anyway.
    static func removePreviousOutputs(in directory: String) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name == "layers.csv" || name == "init.safetensors" || name == "final.safetensors"
            || (name.hasPrefix("epoch-") && name.hasSuffix(".safetensors")) {
            let path = (directory as NSString).appendingPathComponent(name)
            // Files only: whatever else has such a name is not a run's output, and is the user's to keep.
            let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
            guard type == .typeRegular else { continue }
            do { try FileManager.default.removeItem(atPath: path) } catch {
                throw RunError.cannotWrite(path: path, reason: "the previous run's file cannot be removed: \(RunError.reason(error))")
            }
        }
    }
}
