import SproutDiagnostics
import SproutYAML

/// Refuses, before training, an experiment that could not fit in memory: otherwise the allocation fails mid-run
/// and the process dies. The estimate, in float32 values:
///
///     (2 + s) · parameters               (values, gradients, and s values of optimizer state: `stateCount`)
///   + 2 · batch · (inputs + Σ node widths)  (each node's output and its gradient)
///   + samples · (features + targets)     (the data and its labels or regression targets, 1 for class labels;
///                                         with a validation or test source, its examples too)
///   + a generator's scratch               (`generatorScratch`: a teacher's weights, blobs' normals)
///
/// computed in Double so that no product can overflow.
enum ResourceRules {
    /// 8 GiB: a third of the 24 GiB machines Sprout runs on, leaving room for two runs side by side.
    static let maxBytes = 8.0 * 1024 * 1024 * 1024

    static func estimatedBytes(model: ModelSpec, train: TrainSpec, data: DataSpec)
        -> (parameters: Double, data: Double, total: Double) {
        let shapes = GraphRules.shapes(of: model)
        var parameters = 0.0, activations = Double(model.inputWidth)
        for node in model.nodes {
            activations += Double(shapes[node.name]?.count ?? 0)
            guard let input = model.inputShape(of: node, shapes: shapes) else { continue }
            parameters += ModelSpec.parameterCount(node, input: input)
            // A convolution's unfolded input (im2col): a column of (channels/groups)·kh·kw values per output position.
            if case .conv2d = node.kind, let weights = WeightShapes(node.kind, input: input),
               let output = shapes[node.name], case .image(_, let height, let width) = output {
                activations += Double(weights.fanIn) * Double(height) * Double(width)
            }
        }
        let samples = Double(data.source.exampleCount)
        var held = 0.0
        if case .source(let other) = data.validation { held = Double(other.exampleCount) }
        if case .source(let other) = data.test { held += Double(other.exampleCount) }
        let batch = min(Double(train.batchSize), samples)
        let targets = Double(data.source.regressionOutputs ?? 1)
        let dataFloats = (samples + held) * (Double(data.source.featureCount) + targets) + generatorScratch(data.source)
        let floats = Double(2 + stateCount(train.optimizer)) * parameters + 2 * batch * activations + dataFloats
        return (parameters, 4 * dataFloats, 4 * floats)
    }

    /// Floats a generator holds besides its examples while it generates: a teacher's weights W [features,
    /// classes]; teacher_regression's W1, W2 and its noise draws; blobs' centers and normals. 0 for other sources.
    static func generatorScratch(_ source: DataSourceSpec) -> Double {
        switch source {
        case .teacher(_, let features, let classes):
            return Double(features) * Double(classes)
        case .teacherRegression(let samples, let features, let hidden, let outputs, _):
            return Double(features) * Double(hidden) + Double(hidden) * Double(outputs) + Double(samples) * Double(outputs)
        case .blobs(let samples, let centers, let features, _):
            return (Double(samples) + Double(centers)) * Double(features)
        default:
            return 0
        }
    }

    /// Values the optimizer keeps per parameter (PyTorch's state): sgd a momentum buffer; adam and adamw two
    /// moments (three with amsgrad's running maximum); rmsprop the square average, plus a momentum buffer and a
    /// gradient average when asked.
    static func stateCount(_ optimizer: OptimizerSpec) -> Int {
        switch optimizer {
        case .sgd: return 1
        case .adam(let settings), .adamw(let settings): return settings.amsgrad ? 3 : 2
        case .rmsprop(_, _, _, let momentum, let centered, _): return 1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0)
        }
    }

    static func check(model: ModelSpec, train: TrainSpec, data: DataSpec, at modelNode: Node,
                      into diagnostics: DiagnosticCollector) {
        let estimate = estimatedBytes(model: model, train: train, data: data)
        guard estimate.total > maxBytes else { return }
        diagnostics.report(.memoryLimit,
            "this experiment needs about \(gibibytes(estimate.total)) GiB of memory, more than Sprout's limit of \(gibibytes(maxBytes)) GiB",
            at: modelNode.location,
            help: [estimate.data > estimate.total / 2
                   ? "the data takes about \(gibibytes(estimate.data)) GiB (\(data.source.exampleCount) examples of "
                       + "\(data.source.featureCount) features): use fewer samples or features"
                   : "\(count(estimate.parameters)) parameters; batch_size \(train.batchSize): make the layers narrower or the batch smaller"])
    }

    /// One decimal: "37.3" (scientific past 10^15, where a conversion to Int could trap).
    static func gibibytes(_ bytes: Double) -> String {
        let tenths = (bytes / (1024 * 1024 * 1024) * 10).rounded()
        guard tenths < 1e15 else { return "\(tenths / 10)" }
        return "\(Int(tenths) / 10).\(Int(tenths) % 10)"
    }

    /// A whole number held in a Double, as digits (scientific past 10^15).
    static func count(_ value: Double) -> String {
        value < 1e15 ? "\(Int(value))" : "\(value)"
    }
}
