import Foundation
import SproutConfig
import SproutNN
import SproutRuns

/// A run directory's files as its run goes, from the loop's events (`TrainingEvent`): run.json (`running` from the
/// start, then how the run ended), config.yaml, metrics.csv and layers.csv row by row, the checkpoints, and a
/// progress line for the batch after every epoch. The only writer of the directory while its lock is held.
///
/// Durability is settled once, as the run ends (`finish`): every file is written atomically, but only the epoch
/// checkpoints (what a long run killed midway leaves to start again from) are fsync'd as they are written; the rest
/// are fsync'd together before run.json records the ending, itself fsync'd with its folder. A power loss before
/// then leaves a run that did not finish, trained again; never a finished record whose files are not on disk. Of the
/// ten fsyncs a run made one by one, the final record's two remain; the rest are one pass at the end, which ext4
/// commits together (docs/performance.md, "Per-run overhead").
final class RunDirectoryWriter {
    private(set) var record: RunRecord
    private let spec: ExperimentSpec
    private let directory: String
    private let network: Network
    /// model.json's contents (`ModelDescription.of`), written with config.yaml.
    private let model: ModelDescription
    private let progress: (RunProgress) -> Void
    private var metrics: CSVWriter?
    private var layers: CSVWriter?
    /// The files this run has written, by name: what run.json's `outputs` records.
    private var written: Set<String> = []
    /// The last logged training accuracy and validation metrics, repeated on the progress lines between logged epochs.
    private var accuracy: Double?
    private var validation: (loss: Double?, accuracy: Double?) = (nil, nil)
    /// With restore_best: the best epoch and step, which final.safetensors holds.
    private var finalPosition: (epoch: Int, step: Int)?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    /// Space kept free until the run's last run.json (`SpaceReserve`): released after it, or before it on failure.
    private let reserve: SpaceReserve

    /// Reserves the space for the final records (`SpaceReserve`), then writes run.json saying `running`. Throws when
    /// either fails (the reserve removed, nothing recorded).
    init(spec: ExperimentSpec, record: RunRecord, directory: String, network: Network, model: ModelDescription,
         progress: @escaping (RunProgress) -> Void) throws {
        self.model = model
        self.spec = spec
        self.record = record
        self.directory = directory
        self.network = network
        self.progress = progress
        start = clock.now
        let recordBytes = (try? record.json().count) ?? 0
        reserve = try SpaceReserve(directory: directory, bytes: SpaceReserve.bytes(forRecord: recordBytes))
        do { try self.record.write(to: file("run.json"), durable: false) } catch {
            reserve.release()
            throw error
        }
    }

    private func file(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// The files before the first update (the directory is a new entry of the store, empty): config.yaml,
    /// model.json, the CSV headers, init.safetensors.
    func open() throws {
        try AtomicFile.write(ResolvedConfig.header(spec) + ResolvedConfig.yaml(spec), to: file("config.yaml"), durable: false)
        try model.write(to: file(ModelDescription.fileName))
        metrics = try CSVWriter(path: file("metrics.csv"), columns: MetricsRow.columns)
        layers = spec.log.layers ? try CSVWriter(path: file("layers.csv"), columns: LayerDiagnostics.columns) : nil
        written.formUnion(["config.yaml", ModelDescription.fileName, "metrics.csv"] + (spec.log.layers ? ["layers.csv"] : []))
        if spec.log.checkpoints.initial { try checkpoint("init.safetensors", epoch: 0, steps: 0, durable: false) }
    }

    /// The files of a run that stopped, to go on with (the directory is the run's entry, its run.json already
    /// rewritten as running): metrics.csv and layers.csv cut back to where the training state `files` was saved,
    /// every file it had written counted as this run's again (run.json's `outputs` lists them at the end).
    func reopen(at files: RunFilesPosition) throws {
        metrics = try CSVWriter(continuing: file("metrics.csv"), columns: MetricsRow.columns, at: files.metricsBytes)
        if spec.log.layers {
            guard let layersBytes = files.layersBytes else {
                throw RunError.cannotRead(path: file(ResumeFile.name), reason: "it was saved without layers.csv, which "
                                          + "the config now logs; rerun with --restart to train from scratch")
            }
            layers = try CSVWriter(continuing: file("layers.csv"), columns: LayerDiagnostics.columns, at: layersBytes)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        written.formUnion(names.filter { !$0.hasPrefix(".") && $0 != "run.json" && $0 != ResumeFile.name })
        record.epochsCompleted = files.epochsCompleted
        record.final = files.final
        record.best = files.best
    }

    func handle(_ event: TrainingEvent) throws {
        switch event {
        case .measured(let row, let rows):
            try metrics?.write(row: row.fields)
            // With its metrics.csv row, so a run that fails writing layers.csv records the row metrics.csv ends with.
            record.final = RunRecord.FinalMetrics(row)
            if row.trainLoss.isFinite { record.epochsCompleted = row.epoch }
            if let rows { try layers?.write(rows: rows) }
            accuracy = row.trainAccuracy
            validation = (row.validationLoss, row.validationAccuracy)
            report(epoch: row.epoch, loss: row.trainLoss, logged: true)
        case .epochEnded(let epoch, let meanLoss, let steps):
            record.epochsCompleted = epoch
            let every = spec.log.checkpoints.every
            if every > 0, epoch % every == 0 { try checkpoint("epoch-\(epoch).safetensors", epoch: epoch, steps: steps) }
            report(epoch: epoch, loss: meanLoss, logged: false)
        case .stoppedEarly(let epoch):
            record.stoppedEarlyAt = epoch
        case .bestImproved(let epoch, let step, let metric, let value):
            try checkpoint("best.safetensors", epoch: epoch, steps: step, durable: false,
                           extra: ["metric": metric, "value": "\(value)"])
            record.best = RunRecord.Best(epoch: epoch, metric: metric, value: value)
        case .restoredBest(let epoch, let step):
            record.restoredBest = epoch
            finalPosition = (epoch, step)
        case .resumePoint(let state):
            // The logs first: the state records their lengths, so they must be on disk whenever it is (a power loss
            // after the state's write leaves logs at least that long).
            try AtomicFile.sync((["metrics.csv"] + (layers == nil ? [] : ["layers.csv"])).map(file))
            let files = RunFilesPosition(metricsBytes: Int64(metrics?.length ?? 0), layersBytes: layers.map { Int64($0.length) },
                                         epochsCompleted: record.epochsCompleted, final: record.final, best: record.best)
            try ResumeFile.write(state, of: network, files: files, fingerprint: record.digest, to: file(ResumeFile.name))
        }
    }

    /// The weights as the run ended, whatever the ending (a diverged run's are its last finite ones: the step whose
    /// loss was not finite made no update), and run.json saying how it ended, with the test split's evaluation
    /// when there is one (`Trainer.testEvaluation`).
    func finish(_ outcome: RunOutcome, steps: Int, test: Evaluation? = nil) throws {
        record.steps = steps
        record.test = test
        if spec.log.checkpoints.final {
            // With restore_best, the best epoch's weights under its epoch and step, so that final.safetensors and
            // best.safetensors (log.checkpoints.best: auto) are the same bytes.
            let (epoch, step) = finalPosition ?? (record.epochsCompleted, steps)
            let best = finalPosition.flatMap { _ in record.best }
            try checkpoint("final.safetensors", epoch: epoch, steps: step, durable: false,
                           extra: best.map { ["metric": $0.metric, "value": "\($0.value)"] } ?? [:])
        }
        if outcome.isFinished { try removeResumeState() }
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
        try AtomicFile.sync(written.sorted().map(file))
        record.outputs = RunOutputs.of(written.sorted(), in: directory)
        record.ended = Date()
        try record.write(to: file("run.json"))
        reserve.release()
    }

    /// run.json saying failed, with `error` (`cannot write runs/x/layers.csv: No space left on device`). The reserve
    /// is released first, so that on a full disk this record (and the batch's summary.csv after it) has room; a
    /// failed CSV row was already cut back by `CSVWriter`, a failed checkpoint removed by `AtomicFile`. Still best
    /// effort (another writer may take the freed space first): the error itself is what gets reported.
    func fail(_ error: Error, steps: Int) {
        reserve.release()
        record.status = .failed
        record.error = "\(error)"
        record.steps = steps
        record.ended = Date()
        try? record.write(to: file("run.json"))
    }

    /// A run that finished has no use for its training state (a rerun of the same inputs is restored, not resumed):
    /// removed, as Keras's BackupAndRestore does, so the space goes back.
    private func removeResumeState() throws {
        let path = file(ResumeFile.name)
        guard unlink(path) == 0 || errno == ENOENT else {
            throw RunError.cannotWrite(path: path, reason: "it cannot be removed: " + String(cString: strerror(errno)))
        }
    }

    private func checkpoint(_ name: String, epoch: Int, steps: Int, durable: Bool = true,
                            extra: [String: String] = [:]) throws {
        written.insert(name)
        try Checkpoint.write(network, to: file(name), metadata: [
            "name": record.name, "fingerprint": record.digest, "epoch": String(epoch), "step": String(steps),
            "sprout_version": SproutVersion.current,
        ].merging(extra) { old, _ in old }, durable: durable)
    }

    private func report(epoch: Int, loss: Double, logged: Bool) {
        let seconds = (clock.now - start).inSeconds
        progress(RunProgress(name: record.name, epoch: epoch, epochs: spec.train.epochs, loss: loss, accuracy: accuracy,
                             validationLoss: validation.loss, validationAccuracy: validation.accuracy,
                             elapsed: seconds, logged: logged))
    }
}
