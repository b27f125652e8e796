import SproutDiagnostics
import SproutShapes
import SproutYAML

/// Refuses, before training, an experiment that could not fit in memory: otherwise the allocation fails mid-run
/// and the process dies. The estimate, in float32 values:
///
///     (2 + s) · parameters               (values, gradients, and s values of optimizer state: `stateCount`)
///   + lent gradient arrays                (`lentGradientFloats`: a fused step's shared gradients)
///   + 2 · batch · (inputs + Σ node widths)  (each node's output and its gradient)
///   + Σ image layers' own buffers          (`layerScratch`: a conv2d's im2col columns, a max_pool2d's argmax)
///   + samples · (features + targets)     (the data and its labels or regression targets, 1 for class labels;
///                                         with a validation or test source, its examples too)
///   + a generator's scratch               (`generatorScratch`: a teacher's weights, blobs' normals)
///
/// computed in Double so that no product can overflow. `batch` is the rows the engine's buffers hold:
/// `min(max(batch_size, 512), samples)`, since the trainer evaluates the diagnostic sample (up to 512 examples,
/// `DiagnosticSampleSize`) as one batch; with `batch_size` 32 the buffers hold 512 rows, not 32.
enum ResourceRules {
    /// 8 GiB: a third of the 24 GiB machines Sprout runs on, leaving room for two runs side by side.
    static let maxBytes = 8.0 * 1024 * 1024 * 1024

    static func estimatedBytes(model: ModelSpec, train: TrainSpec, data: DataSpec)
        -> (parameters: Double, data: Double, total: Double) {
        let shapes = GraphRules.shapes(of: model)
        let samples = Double(data.source.exampleCount)
        let batch = min(max(train.batchSize, DiagnosticSampleSize.maximum), data.source.exampleCount)
        var parameters = 0.0, activations = Double(model.inputWidth), scratch = 0.0
        var sizes = [[Double]]()
        for node in model.nodes {
            activations += Double(shapes[node.name]?.count ?? 0)
            guard let input = model.inputShape(of: node, shapes: shapes) else { continue }
            sizes.append(ModelSpec.parameterSizes(node, input: input))
            parameters += sizes[sizes.count - 1].reduce(0, +)
            if let output = shapes[node.name] { scratch += layerScratch(node.kind, input: input, output: output, batch: batch) }
        }
        var held = 0.0
        if case .source(let other) = data.validation { held = Double(other.exampleCount) }
        if case .source(let other) = data.test { held += Double(other.exampleCount) }
        let targets = Double(data.source.regressionOutputs ?? 1)
        let dataFloats = (samples + held) * (Double(data.source.featureCount) + targets) + generatorScratch(data.source)
        let floats = Double(2 + stateCount(train.optimizer)) * parameters + lentGradientFloats(sizes)
            + 2 * Double(batch) * activations + scratch + dataFloats
        return (parameters, 4 * dataFloats, 4 * floats)
    }

    /// The gradient arrays the engine lends in a fused training step (SproutNN's GradientLending), from each node's
    /// parameter sizes: one array per size found on two or more nodes, as many of that size as one node has most
    /// (a weight `[u, 1]` beside its bias `[u]` borrows two). Every node is counted, executed or not, so this is at
    /// least what the engine allocates.
    static func lentGradientFloats(_ nodes: [[Double]]) -> Double {
        var nodesWithSize = [Double: Int](), mostOnOneNode = [Double: Int]()
        for sizes in nodes {
            var here = [Double: Int]()
            for size in sizes { here[size, default: 0] += 1 }
            for (size, count) in here {
                nodesWithSize[size, default: 0] += 1
                mostOnOneNode[size] = max(mostOnOneNode[size] ?? 0, count)
            }
        }
        return nodesWithSize.filter { $0.value >= 2 }.keys.reduce(0) { $0 + $1 * Double(mostOnOneNode[$1] ?? 0) }
    }

    /// The buffers an image layer of the engine (SproutNN) allocates for `batch` rows besides its output, its
    /// gradient and its parameters, in float32 values (a 4-byte Int32 index counts as one):
    /// - conv2d: its im2col columns, `ConvolutionColumns.allocated(batch:)`, the formula `Conv2D` sizes its buffers
    ///   by. With `E = C · kh · kw · OH · OW` (all C input channels: the buffer holds every group's rows, so the
    ///   groups do not divide it), `(batch · E <= 16 Mi ? batch · E : E) + E`: the batch's columns kept for
    ///   backward when they fit `ConvolutionColumns.keptLimit`, else one example's, plus one example's gradient.
    /// - max_pool2d: the argmax of every output, `batch · C · OH · OW` Int32 (`MaxPool2D.reserve(batch:)`).
    /// - 0 for the others. Their remaining buffers do not grow with the batch and hold a few values per channel or
    ///   per image row, left out: batch_norm's running mean and variance and its six other `[C]` vectors,
    ///   avg_pool2d's one output row, the pools' window tables (`O(OH + OW + W)` Ints).
    static func layerScratch(_ kind: LayerKind, input: FeatureShape, output: FeatureShape, batch: Int) -> Double {
        switch (kind, input, output) {
        case (.conv2d(let conv), .image(let channels, _, _), .image(_, let height, let width)):
            let columns = ConvolutionColumns(channels: channels, kernelHeight: conv.kernel.height,
                                             kernelWidth: conv.kernel.width, outputPlane: height * width)
            return Double(columns.allocated(batch: batch))
        case (.maxPool2d, .image, .image):
            return Double(batch) * Double(output.count)
        default:
            return 0
        }
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
