import Foundation
import SproutConfig
import SproutNN
import SproutRuns

/// resume.safetensors: a `TrainingState` and its `RunFilesPosition` as one safetensors file in the run directory.
/// The parameters and buffers keep their checkpoint names; `restore_best`'s best weights are `best.<name>`; each optimizer buffer is `optimizer.<parameter>.<slot>` (PyTorch's
/// slot names); the metadata holds the format, the run's fingerprint and Sprout's version (a state is only ever
/// resumed into the run of the same inputs), and the scalars as JSON (`position`, `files`, `optimizer`).
enum ResumeFile {
    static let name = ResumePoint.fileName
    static let format = ResumePoint.format
    static let formatVersion = ResumePoint.formatVersion

    /// Writes the file atomically and durably: it is what a run killed without warning goes on from.
    static func write(_ state: TrainingState, of network: Network, files: RunFilesPosition, fingerprint: String,
                      to path: String) throws {
        var tensors = state.weights.tensors(of: network)
        for slot in state.optimizer.slots {
            for (parameter, buffer) in zip(network.parameters, slot.buffers) {
                tensors.append(CheckpointTensor(name: TrainingState.slotTensorName(parameter: parameter.name, slot: slot.name),
                                                shape: parameter.shape, values: buffer))
            }
        }
        if let best = state.bestWeights { tensors += best.tensors(of: network, prefix: TrainingState.bestPrefix) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        let metadata = [
            "format": format, "format_version": formatVersion, "fingerprint": fingerprint,
            "sprout_version": SproutVersion.current, "position": try json(state.position), "files": try json(files),
            "optimizer": try json(OptimizerHeader(steps: state.optimizer.steps, slots: state.optimizer.slots.map(\.name))),
        ]
        try SafetensorsWriter.write(tensors, metadata: metadata, to: path, durable: true)
    }

    /// The state saved at `path` for the network `network` (its parameters' names and shapes), checked to be of
    /// this format and of the run with fingerprint `fingerprint`. Every failure is a `RunError.cannotRead` naming
    /// the file and what is wrong with it.
    static func read(_ path: String, fingerprint: String,
                     network: Network) throws -> (state: TrainingState, files: RunFilesPosition) {
        func failure(_ reason: String) -> RunError { .cannotRead(path: path, reason: reason) }
        let header: SafetensorsHeader
        switch SafetensorsHeader.read(path: path) {
        case .success(let read): header = read
        case .failure(let error): throw failure(error.reason)
        }
        let metadata = header.metadata
        guard metadata["format"] == format else { throw failure("it is not a Sprout training state") }
        guard metadata["format_version"] == formatVersion else {
            throw failure("it is a training state of format \(metadata["format_version"] ?? "?"), this Sprout reads \(formatVersion)")
        }
        guard metadata["fingerprint"] == fingerprint else {
            throw failure("it was saved by a run of other inputs (fingerprint \(metadata["fingerprint"]?.prefix(12) ?? "none"))")
        }
        let decoder = JSONDecoder()
        func decoded<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
            guard let text = metadata[key], let value = try? decoder.decode(type, from: Data(text.utf8)) else {
                throw failure("its metadata '\(key)' is missing or unreadable")
            }
            return value
        }
        let position = try decoded(TrainingState.Position.self, "position")
        let files = try decoded(RunFilesPosition.self, "files")
        let optimizer = try decoded(OptimizerHeader.self, "optimizer")
        let weights = try NetworkWeights.read(path, for: network)
        var slots: [OptimizerState.Slot] = []
        for slot in optimizer.slots {
            let buffers = try network.parameters.map { parameter in
                try SafetensorsLoader.values(path: path, tensor: TrainingState.slotTensorName(parameter: parameter.name, slot: slot),
                                             count: parameter.count)
            }
            slots.append(OptimizerState.Slot(name: slot, buffers: buffers))
        }
        let best = position.watch.bestWeightsEpoch == nil ? nil
            : try NetworkWeights.read(path, for: network, prefix: TrainingState.bestPrefix)
        let state = TrainingState(position: position, weights: weights,
                                  optimizer: OptimizerState(steps: optimizer.steps, slots: slots), bestWeights: best)
        return (state, files)
    }

    /// The optimizer's step count and slot names (its buffers are tensors).
    struct OptimizerHeader: Codable {
        var steps: Int
        var slots: [String]
    }
}
