import SproutConfig
import SproutRuns
import SproutNN

/// `sprout show --probe`: the signal at initialization, node by node. The diagnostic pass of layers.csv
/// (`Trainer.diagnosticPass`) run before any training: one forward and one backward pass on the run's diagnostic
/// sample (`DiagnosticSample`: the same data, split, scaling and sample stream as `sprout run`), evaluation mode, no
/// update. Per executed node, in execution order: the output's mean and population std over the sample (all S × width
/// values), the std of dL/d(output) (`NodeSpread`, the numbers layers.csv writes at epoch 0), and for nodes with a
/// weight (dense, the norms' scale) the std of dL/dW.
///
/// The markers compare each node with the ends of the network, so that a layer's scale is judged against what it
/// was given and what the loss sends back:
///
///     activation ratio  ρ_a = std(node output) / std(the sample's inputs)
///     gradient ratio    ρ_g = std(dL/d node output) / std(dL/d network output)
///
/// and a ratio below `vanishingRatio` (1e-3) marks the signal as vanishing, above `explodingRatio` (1e3) as
/// exploding; a std that is NaN or infinite is marked not finite. 1e-3 and 1e3 are three orders of magnitude:
/// far outside what a sound initializer gives even in a deep network (He et al. 2015 keep ρ near 1 at any depth;
/// Xavier under relu halves the second moment per layer, so ρ_a falls by √2 a layer and reaches 1e-3 after about 20
/// layers), yet reached within a few layers by a badly scaled one (N(0, 0.01²) under relu at width 64 multiplies the
/// second moment by 64 · 0.01² / 2 = 0.0032 a layer: ρ_a < 1e-3 at the third layer), and always by a zero start,
/// whose stds are exactly 0. When the reference std is 0 (constant inputs, a zero output gradient) or not
/// finite, the ratio is undefined and no marker is given.
public struct InitProbe: Sendable {
    /// How a signal left the band [vanishingRatio, explodingRatio] of the reference.
    public enum Signal: String, Sendable, Equatable {
        case vanishing
        case exploding
        case notFinite = "not finite"
    }

    /// One executed node.
    public struct Row: Sendable {
        public var node: String
        /// The node's type in the language (`dense`, `relu`, `add`, ...).
        public var type: String
        public var width: Int
        public var activationMean: Double
        public var activationStd: Double
        /// Std of dL/d(output); nil when no gradient reached the node.
        public var gradientStd: Double?
        /// Std of dL/dW (a dense or conv2d weight; layer_norm and batch_norm: their scale); nil for nodes without one.
        public var weightGradientStd: Double?
        public var activationSignal: Signal?
        public var gradientSignal: Signal?
    }

    /// Three orders of magnitude below the reference: see the type's comment for the reasons.
    public static let vanishingRatio = 1e-3
    /// Three orders of magnitude above the reference.
    public static let explodingRatio = 1e3

    public var rows: [Row]
    /// The diagnostic sample: training-set indices (after any validation split), ascending.
    public var examples: [Int]
    /// The training set's size, and whether the sample is stratified by class (classification) rather than a plain
    /// random draw (regression).
    public var trainingExamples: Int
    public var stratified: Bool
    /// The sample's input features: mean and std over all S × features values.
    public var input: (mean: Double, std: Double)
    /// dL/d(network output): mean and std over all S × outputs values.
    public var outputGradient: (mean: Double, std: Double)
    /// The sample's mean loss at initialization, and the loss's name in the language.
    public var loss: Double
    public var lossName: String
    /// The key of the sample's random stream and the largest sample, for the header.
    public static let sampleStreamKey = DiagnosticSample.streamKey
    public static let maximumSampleSize = DiagnosticSample.maximumSize

    /// Builds the run's network and data as `sprout run` does (refusing, like it, a config the engine cannot train)
    /// and runs the diagnostic pass at initialization. Throws `RunError` for unreadable data or an unbuildable
    /// network.
    public static func run(_ spec: ExperimentSpec) throws -> InitProbe {
        let trainer = try Trainer(spec: spec)
        let pass = try trainer.diagnosticPass()
        let ends = trainer.diagnosticEnds()
        let types = Dictionary(spec.model.nodes.map { ($0.name, $0.kind.typeName) }, uniquingKeysWith: { first, _ in first })
        let rows = trainer.network.inspectNodes().map { node -> Row in
            let spread = NodeSpread(node)
            let weightGradientStd = node.weight.map { weight in
                weight.gradient.withUnsafeBufferPointer { UnitStatistics.meanAndStandardDeviation($0).std }
            }
            return Row(node: node.name, type: types[node.name] ?? "?", width: node.width,
                       activationMean: spread.activationMean, activationStd: spread.activationStd,
                       gradientStd: spread.gradientStd, weightGradientStd: weightGradientStd,
                       activationSignal: signal(std: spread.activationStd, reference: ends.input.std),
                       gradientSignal: spread.gradientStd.flatMap { signal(std: $0, reference: ends.outputGradient.std) })
        }
        return InitProbe(rows: rows, examples: trainer.diagnosticSample.indices,
                         trainingExamples: trainer.diagnosticSample.trainingExamples,
                         stratified: trainer.diagnosticSample.stratified, input: ends.input,
                         outputGradient: ends.outputGradient, loss: pass.loss, lossName: spec.train.loss.name)
    }

    /// The marker of a std against its reference (see the type's comment); nil inside the band or when the
    /// reference is 0 or not finite.
    public static func signal(std: Double, reference: Double) -> Signal? {
        guard reference.isFinite, reference > 0 else { return nil }
        guard std.isFinite else { return .notFinite }
        let ratio = std / reference
        if ratio < vanishingRatio { return .vanishing }
        if ratio > explodingRatio { return .exploding }
        return nil
    }
}
