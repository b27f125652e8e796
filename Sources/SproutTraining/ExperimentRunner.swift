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

/// Runs one experiment into a new entry of the store (`RunStore`: `<out>/.store/<name>/<id>/`), and points the
/// run's path (`<out>/<folder>/<name>[/<variant>]`) at it:
///
/// - `config.yaml`: the resolved config (every default filled in), which Sprout accepts and which reproduces the run;
/// - `run.json`: status `running` from the start, then how the run ended (`RunRecord`), rewritten atomically;
/// - `metrics.csv`: a row for epoch 0 and each logged epoch, each row on disk as soon as it is measured;
/// - `layers.csv` (`log.layers`): per-node diagnostics on the same epochs (`LayerDiagnostics`);
/// - `init.safetensors`, `final.safetensors`, `epoch-N.safetensors` (`log.checkpoints`): the parameters with their
///   PyTorch state_dict names and layouts, and metadata (fingerprint, epoch, step), each written atomically.
///
/// Everything that can fail before training (the engine's support, the data, the network, the fingerprint's file
/// reads) is done before the store is touched, so such a failure leaves the run's path on the previous run and is
/// reported as an error with nothing written. Once training has started, every ending is recorded in
/// run.json: completed, diverged, interrupted (SIGINT/SIGTERM, after the step in progress), or failed with the
/// message of the error that ended it.
public enum ExperimentRunner {
    /// Gives this process's OpenBLAS the run's `train.threads`. Process-wide, so only a process that trains one
    /// run at a time calls it: `sprout worker` and `sprout bench`.
    public static func useThreads(of spec: ExperimentSpec) { BLAS.setThreads(spec.train.threads) }

    /// Trains the run `order` describes (a batch's plan: the spec, the fingerprint, the inputs' stamps) into a new
    /// entry of `order.out`'s store, and points `order.directory` at it. `order.config` is the file as given on the command line (recorded in run.json);
    /// `order.name` is the run directory relative to the batch's output folder (in run.json, checkpoints' metadata
    /// and progress lines). The inputs are checked against the plan's stamps once the data is loaded: a config or
    /// data file edited since the plan refuses the run (nothing written), so that no run trains from inputs its
    /// fingerprint does not describe. `progress` hears of every epoch and every logged epoch.
    ///
    /// The run's name is locked (`RunStore.lock`) from before anything is written until the run ends, so a second
    /// process asked to train the same run (another batch) is refused instead of moving its link under it.
    package static func run(_ order: WorkerOrder,
                            progress: @escaping (RunProgress) -> Void = { _ in }) throws -> RunSummary {
        let spec = order.spec, runName = order.name, configPath = order.config
        let trainer = try Trainer(spec: spec)
        let changed = order.changedInputs
        guard changed.isEmpty else { throw RunError.changedSincePlanned(inputs: changed) }
        let fingerprint = order.fingerprint
        let store = RunStore(out: order.out)
        let lock: RunLock
        do { lock = try store.lock(runName, waiting: true) } catch RunError.busy {
            throw RunError.busy(directory: order.directory)
        }
        defer { lock.release() }
        // Whatever is in the way of the run's link is dealt with (or refused) before anything is written.
        try store.prepareLink(runName)
        if let resume = order.resume {
            return try goOn(order, trainer: trainer, in: resume, store: store, progress: progress)
        }
        let started = Date()
        var record = RunRecord(status: .running, name: runName, config: configPath, started: started,
                               seed: spec.seed, version: SproutVersion.current, fingerprint: fingerprint,
                               epochs: spec.train.epochs)
        record.configFile = RunRecord.projectRelative(configPath, out: order.out)
        record.overrides = spec.overrides
        record.classNames = trainer.data.classNames
        record.blasThreads = BLAS.threads
        record.openblas = OpenBLASBuild(build: BLAS.configuration, core: BLAS.coreName)
        record.git = order.provenance?.git
        record.command = order.provenance?.command
        record.host = order.provenance?.host ?? Provenance.hostName
        record.slurm = order.slurm
        // A directory of its own in the store; the run's path points at it once run.json says running there.
        let entry = try store.newEntry(of: runName, digest: fingerprint.digest, started: started)
        let writer: RunDirectoryWriter
        do {
            let model = try ModelDescription.of(spec, network: trainer.network, data: trainer.data,
                                                scaling: trainer.scaling)
            writer = try RunDirectoryWriter(spec: spec, record: record, directory: entry.path, network: trainer.network,
                                            model: model, progress: progress)
        } catch {
            // Nothing recorded (not even the space reserve fitted): the entry goes, the store as it was.
            rmdir(entry.path)
            throw error
        }
        do { try store.point(runName, at: entry) } catch {
            writer.fail(error, steps: 0)
            throw error
        }
        return try train(trainer, writer: writer, entry: entry, name: runName) {
            try writer.open()
            return try trainer.run(writer.handle)
        }
    }

    /// Trains with `writer` (its run.json already says running), from `start` on, evaluates the test split once it
    /// ended (`testEvaluation`), and records how it ended.
    static func train(_ trainer: Trainer, writer: RunDirectoryWriter, entry: RunStore.Entry, name: String,
                      _ start: () throws -> RunOutcome) throws -> RunSummary {
        do {
            let outcome = try start()
            // With restore_best the network holds the best epoch's weights: the test split is evaluated on those.
            let test = try trainer.testEvaluation(after: outcome,
                                                  epoch: writer.record.restoredBest ?? writer.record.epochsCompleted)
            try writer.finish(outcome, steps: trainer.steps, test: test)
            return RunSummary(name: name, directory: entry.path, outcome: outcome,
                              finalLoss: writer.record.final?.trainLoss ?? .nan,
                              finalAccuracy: writer.record.final?.trainAccuracy, stoppedEarlyAt: writer.record.stoppedEarlyAt)
        } catch {
            writer.fail(error, steps: trainer.steps)
            throw error
        }
    }
}
