import Foundation
import SproutConfig
import SproutNN
import SproutRuns
import SproutShapes

/// A finished run loaded for use: its model.json (`ModelDescription`) and its network, rebuilt from model.json's
/// graph and filled with final.safetensors' parameters and buffers, every tensor checked (present, dtype, shape,
/// bytes inside the file).
///
/// The network is rebuilt from model.json, not from config.yaml: the config names data files and initializer
/// checkpoints that need not exist where the run is used (a run directory copied to another machine), while
/// model.json holds exactly what evaluation computes. Every failure is `RunError.unusableRun`, one sentence naming
/// the run and what to do.
package final class TrainedModel {
    package let path: String
    package let description: ModelDescription
    package let network: Network
    /// The run's run.json.
    package let record: RunRecord

    package init(run path: String) throws {
        func failure(_ reason: String) -> RunError { .unusableRun(path: path, reason: reason) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw failure("it is not a directory")
        }
        let record: RunRecord?
        do { record = try RunRecord.read(directory: path) } catch { throw failure("\(error)") }
        guard let record else { throw failure("it has no run.json, so it is not a run directory") }
        guard record.status != .running else {
            throw failure("its run.json says it is still running; wait for it to end (`sprout status` tells a run in "
                          + "progress from one whose process died)")
        }
        let modelPath = (path as NSString).appendingPathComponent(ModelDescription.fileName)
        guard FileManager.default.fileExists(atPath: modelPath) else {
            throw failure("it has no \(ModelDescription.fileName): Sprout \(record.version) trained it, before runs "
                          + "recorded their model; train it again with this Sprout (\(SproutVersion.current)), "
                          + "`sprout run --force` on its config")
        }
        description = try ModelDescription.read(path: modelPath, run: path)
        let checkpoint = (path as NSString).appendingPathComponent("final.safetensors")
        guard FileManager.default.fileExists(atPath: checkpoint) else {
            throw failure("it has no final.safetensors (the run \(record.status.rawValue) without writing one, or "
                          + "log.checkpoints.final was off)")
        }
        do {
            network = try Self.network(description.network)
        } catch {
            let reason = if case RunError.cannotBuild(let reason) = error { reason } else { "\(error)" }
            throw failure("its \(ModelDescription.fileName) describes a network Sprout cannot build: \(reason)")
        }
        try Self.checkShapes(description, network, failure)
        try CheckpointReader(path: checkpoint, run: path).load(into: network)
        self.path = path
        self.record = record
    }

    /// The engine's graph of model.json's nodes, initializers zero (the checkpoint fills every parameter).
    static func network(_ graph: ModelDescription.Graph) throws -> Network {
        let nodes = try graph.nodes.map { NodeSpec(name: $0.name, operation: try operation($0), inputs: $0.inputs) }
        var shape = FeatureShape.flat(graph.inputWidth)
        if let dimensions = graph.inputShape {
            guard let image = FeatureShape(dimensions: dimensions), image.checkedCount == graph.inputWidth else {
                throw RunError.cannotBuild("its input_shape \(dimensions) is not an image of its input_width \(graph.inputWidth) values")
            }
            shape = image
        }
        return try Network(inputShape: shape, nodes: nodes, output: graph.output)
    }

    /// The widths model.json states against the network built from it.
    static func checkShapes(_ model: ModelDescription, _ network: Network, _ failure: (String) -> RunError) throws {
        let features = model.input.features.count
        guard features == network.inputWidth, model.scaling.shift.count == features,
              model.scaling.scale.count == features else {
            throw failure("its \(ModelDescription.fileName) names \(features) features and scales "
                          + "\(model.scaling.shift.count), but its network reads \(network.inputWidth)")
        }
        let classes = model.target.classes?.count
        let expected = model.output.transform == "sigmoid" ? 1 : classes ?? model.target.width ?? 0
        guard network.outputWidth == model.network.outputWidth, network.outputWidth == expected,
              model.output.transform != "sigmoid" || classes == 2 else {
            throw failure("its \(ModelDescription.fileName)'s network has \(network.outputWidth) outputs, which do not "
                          + "fit its target (\(classes.map { "\($0) classes" } ?? "regression") with \(model.output.transform))")
        }
    }
}
