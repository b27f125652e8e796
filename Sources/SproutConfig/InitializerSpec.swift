/// An initializer as written in a config: the catalogue of PyTorch's `torch.nn.init` (and Keras' names for the
/// same schemes). The builder turns it into the engine's `Initializer`; the formulas live there.
public enum InitializerSpec: Sendable, Hashable {
    case zeros
    case ones
    case constant(value: Double)
    case uniform(low: Double, high: Double)
    case normal(mean: Double, std: Double)
    case xavierUniform(gain: Double)
    case xavierNormal(gain: Double)
    case kaimingUniform(mode: FanModeSpec, nonlinearity: NonlinearitySpec, negativeSlope: Double)
    case kaimingNormal(mode: FanModeSpec, nonlinearity: NonlinearitySpec, negativeSlope: Double)
    case lecunUniform
    case lecunNormal

    /// The canonical (PyTorch) name, what `sprout show` prints.
    public var canonicalName: String {
        switch self {
        case .zeros: return "zeros"
        case .ones: return "ones"
        case .constant: return "constant"
        case .uniform: return "uniform"
        case .normal: return "normal"
        case .xavierUniform: return "xavier_uniform"
        case .xavierNormal: return "xavier_normal"
        case .kaimingUniform: return "kaiming_uniform"
        case .kaimingNormal: return "kaiming_normal"
        case .lecunUniform: return "lecun_uniform"
        case .lecunNormal: return "lecun_normal"
        }
    }

    /// True when every entry gets the same value, so every unit of a layer starts identical: the constants, and a
    /// normal distribution of standard deviation 0. (A uniform one always has low < high.)
    public var isConstant: Bool {
        switch self {
        case .zeros, .ones, .constant: return true
        case .normal(_, let std): return std == 0
        default: return false
        }
    }
}

public enum FanModeSpec: String, Sendable, Hashable, CaseIterable {
    case fanIn = "fan_in"
    case fanOut = "fan_out"
}

/// The nonlinearity whose gain kaiming initializers use (PyTorch's `calculate_gain`).
public enum NonlinearitySpec: String, Sendable, Hashable, CaseIterable {
    case linear, sigmoid, tanh, relu
    case leakyRelu = "leaky_relu"
    case selu
}
