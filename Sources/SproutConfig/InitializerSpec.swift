import SproutDiagnostics

/// An initializer as written in a config: the catalogue of PyTorch's `torch.nn.init` (and Keras' names for the
/// same schemes). The builder turns it into the engine's `Initializer`; the formulas live there only.
public enum InitializerSpec: Sendable, Hashable, Codable {
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
    /// N(mean, std²) redrawn outside [a, b] (absolute bounds, `nn.init.trunc_normal_`).
    case truncatedNormal(mean: Double, std: Double, a: Double, b: Double)
    /// A (semi-)orthogonal matrix times gain (Saxe et al. 2014, `nn.init.orthogonal_`).
    case orthogonal(gain: Double)
    /// gain on the diagonal, 0 elsewhere (`nn.init.eye_`, Keras' Identity).
    case identity(gain: Double)
    /// A convolution kernel that passes channel d of each group through to filter d (PyTorch's `dirac_` with the
    /// layer's groups): 1 at the kernel's centre, 0 elsewhere. conv2d weights only.
    case dirac
    /// N(0, std²) with a fraction `sparsity` of each column zero (Martens 2010, `nn.init.sparse_`).
    case sparse(sparsity: Double, std: Double)
    /// Keras' VarianceScaling: variance scale / n, n the chosen fan.
    case varianceScaling(scale: Double, mode: VarianceModeSpec, distribution: VarianceDistributionSpec)
    /// The tensor read from a safetensors file.
    case safetensors(SafetensorsSource)
    /// A random initializer with its own `seed:`: drawn from a stream keyed by that seed alone, not by the run seed
    /// and the parameter's name (Keras' `RandomNormal(seed=1)`), so parameters of one shape that share it start
    /// identical. The decoder wraps only random schemes, once.
    indirect case seeded(InitializerSpec, seed: UInt64)

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
        case .truncatedNormal: return "truncated_normal"
        case .orthogonal: return "orthogonal"
        case .identity: return "identity"
        case .dirac: return "dirac"
        case .sparse: return "sparse"
        case .varianceScaling: return "variance_scaling"
        case .safetensors: return "safetensors"
        case .seeded(let spec, _): return spec.canonicalName
        }
    }

    /// The scheme without its own seed.
    public var unseeded: InitializerSpec {
        if case .seeded(let spec, _) = self { return spec }
        return self
    }

    /// The initializer's own seed, when it has one.
    public var seed: UInt64? {
        if case .seeded(_, let seed) = self { return seed }
        return nil
    }

    /// True when every entry gets the same value, so every unit of a layer starts identical: the constants, and a
    /// normal or truncated normal of standard deviation 0. (A uniform one always has low < high; orthogonal and
    /// identity rows differ; sparse has std > 0; a file's contents are not known here.)
    public var isConstant: Bool {
        switch self {
        case .zeros, .ones, .constant: return true
        case .normal(_, let std), .truncatedNormal(_, let std, _, _): return std == 0
        case .seeded(let spec, _): return spec.isConstant
        default: return false
        }
    }

    /// True for kaiming schemes whose gain is ReLU's √2 (he_*, kaiming with relu, or leaky_relu with slope 0).
    public var usesReluGain: Bool {
        switch self {
        case .kaimingUniform(_, let n, let slope), .kaimingNormal(_, let n, let slope):
            return n == .relu || (n == .leakyRelu && slope == 0)
        case .seeded(let spec, _): return spec.usesReluGain
        default: return false
        }
    }
}

/// Where a safetensors initializer reads from: the path resolved against the config's folder, and the tensor
/// name (`nil`: the parameter's own name, `<node>.weight` / `<node>.bias`).
public struct SafetensorsSource: Sendable, Hashable, Codable {
    public var path: String
    public var tensor: String?
    /// The initializer as written, for diagnostics found once the parameter's shape is known.
    public var location: SourceLocation
    /// The header, when the file could be read (tensor names, dtypes, shapes).
    public var header: SafetensorsHeader?
}

public enum FanModeSpec: String, Sendable, Hashable, Codable, CaseIterable {
    case fanIn = "fan_in"
    case fanOut = "fan_out"
}

/// variance_scaling's fan: Keras adds fan_avg = (fan_in + fan_out) / 2.
public enum VarianceModeSpec: String, Sendable, Hashable, Codable, CaseIterable {
    case fanIn = "fan_in"
    case fanOut = "fan_out"
    case fanAvg = "fan_avg"
}

/// variance_scaling's distribution (Keras' names).
public enum VarianceDistributionSpec: String, Sendable, Hashable, Codable, CaseIterable {
    case truncatedNormal = "truncated_normal"
    case untruncatedNormal = "untruncated_normal"
    case uniform
}

/// The nonlinearity whose gain kaiming initializers use (PyTorch's `calculate_gain`).
public enum NonlinearitySpec: String, Sendable, Hashable, Codable, CaseIterable {
    case linear, sigmoid, tanh, relu
    case leakyRelu = "leaky_relu"
    case selu
}
