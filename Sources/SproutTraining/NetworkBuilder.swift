import SproutConfig
import SproutRuns
import SproutData
import SproutNN
import SproutShapes

/// The one place that knows both the config's specs and the engine's types: turns a `ModelSpec` into a `Network`
/// and the config's optimizer into the engine's.
enum NetworkBuilder {
    /// Every node kind and initializer of the language is mapped; a safetensors initializer's tensor is read here
    /// (`SafetensorsLoader`) and handed to the engine as `Initializer.values`.
    static func network(for model: ModelSpec) throws -> Network {
        let shapes = model.shapes()
        let nodes = try model.nodes.map { layer in
            NodeSpec(name: layer.name, operation: try operation(layer, in: model, shapes: shapes), inputs: layer.inputs)
        }
        return try Network(inputShape: model.inputShape, nodes: nodes, output: model.output)
    }

    /// The initializer of the parameter `parameter` (`<node>.weight` / `<node>.bias`) of `count` values: a
    /// safetensors one reads its tensor (named `parameter` unless the config names another).
    static func initializer(_ spec: InitializerSpec, parameter: String, count: Int) throws -> Initializer {
        guard case .safetensors(let source) = spec else { return try initializer(spec) }
        return .values(try SafetensorsLoader.values(path: source.path, tensor: source.tensor ?? parameter, count: count))
    }

    /// The engine initializer of every spec but safetensors, which needs its parameter (see above) and throws here.
    static func initializer(_ spec: InitializerSpec) throws -> Initializer {
        switch spec {
        case .zeros: return .zeros
        case .ones: return .ones
        case .constant(let value): return .constant(value)
        case .uniform(let low, let high): return .uniform(low: low, high: high)
        case .normal(let mean, let std): return .normal(mean: mean, std: std)
        case .xavierUniform(let gain): return .xavierUniform(gain: gain)
        case .xavierNormal(let gain): return .xavierNormal(gain: gain)
        case .kaimingUniform(let mode, let nonlinearity, let slope):
            return .kaimingUniform(mode: fanMode(mode), nonlinearity: self.nonlinearity(nonlinearity, slope: slope))
        case .kaimingNormal(let mode, let nonlinearity, let slope):
            return .kaimingNormal(mode: fanMode(mode), nonlinearity: self.nonlinearity(nonlinearity, slope: slope))
        case .lecunUniform: return .lecunUniform
        case .lecunNormal: return .lecunNormal
        case .truncatedNormal(let mean, let std, let a, let b): return .truncatedNormal(mean: mean, std: std, a: a, b: b)
        case .orthogonal(let gain): return .orthogonal(gain: gain)
        case .identity(let gain): return .identity(gain: gain)
        case .dirac: return .dirac
        case .sparse(let sparsity, let std): return .sparse(sparsity: sparsity, std: std)
        case .varianceScaling(let scale, let mode, let distribution):
            return .varianceScaling(scale: scale, mode: varianceMode(mode), distribution: varianceDistribution(distribution))
        case .seeded(let scheme, let seed): return .seeded(try initializer(scheme), seed: seed)
        case .safetensors:
            throw RunError.cannotBuild("a safetensors initializer needs its parameter's name and size")
        }
    }

    static func fanMode(_ spec: FanModeSpec) -> FanMode {
        switch spec {
        case .fanIn: return .fanIn
        case .fanOut: return .fanOut
        }
    }

    static func varianceMode(_ spec: VarianceModeSpec) -> VarianceScalingMode {
        switch spec {
        case .fanIn: return .fanIn
        case .fanOut: return .fanOut
        case .fanAvg: return .fanAvg
        }
    }

    static func varianceDistribution(_ spec: VarianceDistributionSpec) -> VarianceScalingDistribution {
        switch spec {
        case .truncatedNormal: return .truncatedNormal
        case .untruncatedNormal: return .untruncatedNormal
        case .uniform: return .uniform
        }
    }

    static func nonlinearity(_ spec: NonlinearitySpec, slope: Double) -> Nonlinearity {
        switch spec {
        case .linear: return .linear
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        case .relu: return .relu
        case .leakyRelu: return .leakyRelu(slope: slope)
        case .selu: return .selu
        }
    }

    /// The engine operation of one node. Config values are Double; the engine computes in Float (as a float32
    /// PyTorch model does), so each is rounded once, here.
    static func operation(_ layer: LayerSpec, in model: ModelSpec, shapes: [String: FeatureShape]) throws -> NodeSpec.Operation {
        switch layer.kind {
        case .dense(let units, let bias):
            let (weightInit, biasInit) = try initializers(layer, in: model, shapes: shapes)
            return .dense(units: units, bias: bias, weightInit: weightInit, biasInit: biasInit)
        case .conv2d(let conv):
            let (weightInit, biasInit) = try initializers(layer, in: model, shapes: shapes)
            return .conv2d(filters: conv.filters, window: conv.window, groups: conv.groups, bias: conv.bias,
                           weightInit: weightInit, biasInit: biasInit)
        case .maxPool2d(let pool): return .maxPool2d(pool.window)
        case .avgPool2d(let pool, let countIncludePad): return .avgPool2d(pool.window, countIncludePad: countIncludePad)
        case .globalAvgPool: return .globalAvgPool
        case .flatten: return .flatten
        case .activation(let kind): return .activation(activation(kind))
        case .leakyRelu(let slope): return .activation(.leakyRelu(negativeSlope: Float(slope)))
        case .elu(let alpha): return .activation(.elu(alpha: Float(alpha)))
        case .gelu(let approximate): return .activation(.gelu(tanhApproximation: approximate == .tanh))
        case .softplus(let beta, let threshold):
            return .activation(.softplus(beta: Float(beta), threshold: Float(threshold)))
        case .dropout(let rate): return .dropout(rate: Float(rate))
        case .layerNorm(let eps, let affine): return .layerNorm(eps: Float(eps), affine: affine)
        case .batchNorm(let momentum, let eps, let affine):
            return .batchNorm(momentum: Float(momentum), eps: Float(eps), affine: affine)
        case .add: return .add
        case .concat: return .concat
        }
    }

    /// A dense or conv2d node's weight and bias initializers, a safetensors one read for its parameter's size.
    /// Without a bias its initializer is never used: not read from any file.
    static func initializers(_ layer: LayerSpec, in model: ModelSpec,
                             shapes: [String: FeatureShape]) throws -> (weight: Initializer, bias: Initializer) {
        guard let input = model.inputShape(of: layer, shapes: shapes),
              let parameters = WeightShapes(layer.kind, input: input) else {
            throw RunError.cannotBuild("node '\(layer.name)' has no input shape")
        }
        // An overflowing size cannot match any file; the engine then refuses the layer as too large.
        let (size, overflow) = parameters.weight.reduce((1, false)) { product, dimension in
            let next = product.0.multipliedReportingOverflow(by: dimension)
            return (next.partialValue, product.1 || next.overflow)
        }
        let weight = try initializer(model.weightInit(for: layer), parameter: "\(layer.name).weight",
                                     count: overflow ? Int.max / 4 : size)
        let bias = try parameters.bias.map { shape in
            try initializer(model.biasInit(for: layer), parameter: "\(layer.name).bias", count: shape[0])
        } ?? .zeros
        return (weight, bias)
    }

    static func activation(_ kind: ActivationKind) -> Activation {
        switch kind {
        case .identity: return .identity
        case .relu: return .relu
        case .tanh: return .tanh
        case .sigmoid: return .sigmoid
        case .selu: return .selu
        case .softsign: return .softsign
        }
    }

    /// The engine's loss for the config's: classification or regression (`TrainingLoss`).
    static func loss(for kind: LossKind) -> TrainingLoss { TrainingLoss(kind) }

    static func optimizer(for spec: OptimizerSpec) throws -> any Optimizer {
        switch spec {
        case .sgd(let lr, let momentum, let nesterov, let weightDecay):
            // Dampening is not in the language yet; 0 is PyTorch's default and keeps nesterov legal.
            return try SGD(learningRate: lr, momentum: momentum, dampening: 0, nesterov: nesterov,
                           weightDecay: weightDecay)
        case .adam(let s), .adamw(let s):
            let decoupled = if case .adamw = spec { true } else { false }
            return try Adam(learningRate: s.lr, beta1: s.beta1, beta2: s.beta2, eps: s.eps, weightDecay: s.weightDecay,
                            amsgrad: s.amsgrad, decoupledWeightDecay: decoupled)
        case .rmsprop(let lr, let alpha, let eps, let momentum, let centered, let weightDecay):
            return try RMSprop(learningRate: lr, alpha: alpha, eps: eps, momentum: momentum, centered: centered,
                               weightDecay: weightDecay)
        }
    }
}
