import SproutConfig
import SproutData
import SproutNN

/// The one place that knows both the config's specs and the engine's types: turns a `ModelSpec` into a `Network`
/// and the config's optimizer into the engine's.
enum NetworkBuilder {
    static func network(for model: ModelSpec) throws -> Network {
        let nodes = model.nodes.map { layer -> NodeSpec in
            switch layer.kind {
            case .dense(let units, let bias):
                return NodeSpec(name: layer.name,
                                operation: .dense(units: units, bias: bias,
                                                  weightInit: initializer(layer.weightInit ?? model.weightInit),
                                                  biasInit: initializer(layer.biasInit ?? model.biasInit)),
                                inputs: layer.inputs)
            case .activation(let kind):
                return NodeSpec(name: layer.name, operation: .activation(activation(kind)), inputs: layer.inputs)
            }
        }
        return try Network(inputWidth: model.inputWidth, nodes: nodes, output: model.output)
    }

    static func initializer(_ spec: InitializerSpec) -> Initializer {
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
        }
    }

    static func fanMode(_ spec: FanModeSpec) -> FanMode {
        switch spec {
        case .fanIn: return .fanIn
        case .fanOut: return .fanOut
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

    static func activation(_ kind: ActivationKind) -> Activation {
        switch kind {
        case .identity: return .identity
        case .relu: return .relu
        case .tanh: return .tanh
        case .sigmoid: return .sigmoid
        }
    }

    static func optimizer(for spec: OptimizerSpec) throws -> SGD {
        switch spec {
        case .sgd(let lr, let momentum, let nesterov, let weightDecay):
            // Dampening is not in the language yet; 0 is PyTorch's default and keeps nesterov legal.
            return try SGD(learningRate: lr, momentum: momentum, dampening: 0, nesterov: nesterov,
                           weightDecay: weightDecay)
        case .adam, .adamw, .rmsprop:
            // EngineSupport refuses these configs before a run starts; this is the guard should one get here.
            throw RunError.unsupported(["optimizer '\(spec.name)' is not in the engine yet"])
        }
    }
}

/// Turns a `DataSpec` into examples.
enum DatasetBuilder {
    static func dataset(for data: DataSpec, seed: UInt64) -> Dataset {
        switch data.source {
        case .xor(let samples, let noise):
            return XORGenerator(samples: samples, noise: noise).generate(seed: seed)
        }
    }
}
