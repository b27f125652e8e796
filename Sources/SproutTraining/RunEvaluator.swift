import Foundation
import SproutConfig
import SproutData
import SproutRuns

/// One of a run's own parts of its data, rebuilt from its config.yaml.
package enum RunSplit: String, CaseIterable, Sendable {
    case test, validation, train
}

/// What `sprout evaluate` scores a run's final weights on.
package enum EvaluationData: Sendable, Equatable {
    /// One of the run's splits; nil: its test split when it has one, else its validation split.
    case split(RunSplit?)
    // Planned: `sprout evaluate RUN DATA`, a data file of the run's features and classes, as a case here, read
    // and scaled by `DatasetBuilder` as the run's own data was.
}

/// Why a run cannot be evaluated, in one sentence.
package struct EvaluationError: Error, CustomStringConvertible, Sendable {
    package let description: String
}

/// `sprout evaluate`: a finished run's final weights (final.safetensors) loaded into the network its config.yaml
/// builds, and one evaluation-mode pass over one of its splits, rebuilt from config.yaml with the run's seed (the
/// same stream, the same examples, the same feature scaling fitted on the same training part:
/// `DatasetBuilder.splits`). Before any of that, the run's inputs are checked to be the ones it trained from: its
/// config.yaml and final.safetensors as run.json's `outputs` recorded them, its data files with the contents of
/// run.json's `inputs` (a changed file would give other splits, silently).
package enum RunEvaluator {
    package static func evaluate(run directory: String,
                                 on data: EvaluationData) throws -> (split: RunSplit, evaluation: Evaluation) {
        let record = try finishedRecord(directory)
        let spec = try checkedSpec(directory, record: record)
        ExperimentRunner.useThreads(of: spec)
        let trainer = try Trainer(spec: spec)
        try CheckpointReader(path: file(directory, "final.safetensors"), run: directory).load(into: trainer.network)
        switch data {
        case .split(let asked):
            let split = try choose(asked, trainer: trainer, directory: directory)
            return (split, try trainer.evaluation(of: part(split, of: trainer, directory: directory),
                                                  epoch: record.restoredBest ?? record.epochsCompleted))
        }
    }

    /// The examples of `split`, scaled as the run's were.
    static func part(_ split: RunSplit, of trainer: Trainer, directory: String) throws -> Dataset {
        switch split {
        case .train: return trainer.data
        case .validation, .test:
            guard let set = split == .test ? trainer.test : trainer.validation else {
                throw EvaluationError(description: "\(directory) has no \(split.rawValue) split (its data.\(split.rawValue) is 0)")
            }
            return set
        }
    }

    /// run.json of a run that has ended and left its final weights.
    static func finishedRecord(_ directory: String) throws -> RunRecord {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw EvaluationError(description: "\(directory) is not a run directory: no such folder")
        }
        guard let record = try RunRecord.read(directory: directory) else {
            throw EvaluationError(description: "\(directory) is not a run directory: it has no run.json")
        }
        guard record.status != .running else {
            throw EvaluationError(description: "\(directory) has not ended (its run.json says running): evaluate it once it has completed")
        }
        guard FileManager.default.fileExists(atPath: file(directory, "final.safetensors")) else {
            throw EvaluationError(description: "\(directory) has no final.safetensors (the run \(record.status.rawValue) before writing it, "
                                  + "or log.checkpoints.final is false): there are no final weights to evaluate")
        }
        return record
    }

    /// The run's config.yaml read back, after checking that it, final.safetensors and the data files it reads are
    /// what the run recorded.
    static func checkedSpec(_ directory: String, record: RunRecord) throws -> ExperimentSpec {
        let recorded = (record.outputs?.files ?? [:]).filter { ["config.yaml", "final.safetensors"].contains($0.key) }
        if let problem = RunOutputs(files: recorded).problems(in: directory, ended: record.ended).first {
            throw EvaluationError(description: "\(directory): \(problem), so it no longer describes the run")
        }
        let loaded = ConfigLoader.load(path: file(directory, "config.yaml"))
        guard !loaded.hasErrors, let spec = loaded.spec else {
            let reason = loaded.diagnostics.first { $0.severity == .error }?.message ?? "it holds no run"
            throw EvaluationError(description: "\(file(directory, "config.yaml")) cannot be read back: \(reason)")
        }
        if let changed = record.inputs.changedFiles(of: spec).first {
            throw EvaluationError(description: "\(changed) changed since \(directory) trained on it, so its splits would "
                                  + "not be the run's: train the run again (sprout run)")
        }
        return spec
    }

    /// The split asked for, else the test split, else the validation split; an error when the run held none out.
    static func choose(_ asked: RunSplit?, trainer: Trainer, directory: String) throws -> RunSplit {
        if let asked { return asked }
        if trainer.test != nil { return .test }
        if trainer.validation != nil { return .validation }
        throw EvaluationError(description: "\(directory) held no examples out (its data.test and data.validation are 0): "
                              + "add data.test (e.g. test: 0.2) to its config and run it again, or pass --split train")
    }

    static func file(_ directory: String, _ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }
}
