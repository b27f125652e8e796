import Foundation
import SproutConfig
import SproutNN
import SproutRuns

extension ExperimentRunner {
    /// Goes on training the run that stopped in the store entry at `path` from its resume.safetensors (the plan
    /// found it for the same inputs: `RunStore.resumableEntry`), in that same entry: its run.json says running
    /// again and records the resume (`resumes`), metrics.csv and layers.csv are cut back to where the state was
    /// saved, the run's path points at the entry, and training takes up at the state's step. The result is the
    /// uninterrupted run's, bit for bit. A state that cannot be read, or does not fit, fails the run before anything
    /// is written, saying so (and that --restart trains from scratch).
    static func goOn(_ order: WorkerOrder, trainer: Trainer, in path: String, store: RunStore,
                     progress: @escaping (RunProgress) -> Void) throws -> RunSummary {
        let entry = RunStore.Entry(path: path)
        let statePath = (path as NSString).appendingPathComponent(ResumeFile.name)
        let saved: (state: TrainingState, files: RunFilesPosition)
        do {
            saved = try ResumeFile.read(statePath, fingerprint: order.fingerprint.digest, network: trainer.network)
            try trainer.restore(saved.state)
        } catch RunError.cannotRead(_, let reason) {
            throw RunError.cannotResume(path: statePath, reason: reason)
        } catch {
            throw RunError.cannotResume(path: statePath, reason: "\(error)")
        }
        guard var record = try RunRecord.read(directory: path) else {
            throw RunError.cannotResume(path: statePath, reason: "its run has no run.json")
        }
        record.status = .running
        record.pid = getpid()
        // The pid is this machine's (a resumed Slurm task may run on another node than the first attempt).
        record.host = order.provenance?.host ?? Provenance.hostName
        record.slurm = order.slurm
        (record.ended, record.error, record.interruptedBy, record.outputs) = (nil, nil, nil, nil)
        record.resumes.append(RunRecord.Resume(epoch: saved.state.position.epochsCompleted,
                                               step: saved.state.position.steps, time: Date()))
        record.blasThreads = BLAS.threads
        // model.json is already in the entry (written as the run began); the writer is handed the same description.
        let model = try ModelDescription.of(order.spec, network: trainer.network, data: trainer.data,
                                            scaling: trainer.scaling)
        let writer = try RunDirectoryWriter(spec: order.spec, record: record, directory: path, network: trainer.network,
                                            model: model, progress: progress)
        do { try store.point(order.name, at: entry) } catch {
            writer.fail(error, steps: saved.state.position.steps)
            throw error
        }
        return try train(trainer, writer: writer, entry: entry, name: order.name) {
            try writer.reopen(at: saved.files)
            return try trainer.run(restoredFrom: saved.state, writer.handle)
        }
    }
}
