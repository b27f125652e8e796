import SproutRandom

/// Which fan a variance-preserving initializer divides by (PyTorch's `mode`).
public enum FanMode: Sendable, Hashable {
    /// `fan_in` = the layer's inputs: preserves the variance of activations in the forward pass.
    case fanIn
    /// `fan_out` = the layer's units: preserves the variance of gradients in the backward pass.
    case fanOut
}

/// variance_scaling's fan (Keras' `mode`): `fanAvg` is `(fan_in + fan_out) / 2`.
public enum VarianceScalingMode: Sendable, Hashable {
    case fanIn, fanOut, fanAvg
}

/// variance_scaling's distribution (Keras' `distribution`).
public enum VarianceScalingDistribution: Sendable, Hashable {
    /// A normal truncated at ±2 of its standard deviations, widened so the variance is still `scale / n`.
    case truncatedNormal
    case untruncatedNormal
    case uniform
}

/// The nonlinearity that follows a layer, for the gain of the Kaiming initializers (PyTorch's `calculate_gain`;
/// the table is in Nonlinearity+Gain.swift).
public enum Nonlinearity: Sendable, Hashable {
    case linear, sigmoid, tanh, relu
    /// Leaky ReLU with negative slope `slope` (PyTorch's `a`); slope 0 is a plain ReLU.
    case leakyRelu(slope: Double)
    case selu
}

/// A weight initializer: exactly the formulas of PyTorch's `torch.nn.init` for a weight of shape `[out, in]`,
/// with `fan_in = in` and `fan_out = out`, or a convolution's `[filters, channels / groups, kh, kw]`, with
/// `fan_in = channels / groups · kh · kw` and `fan_out = filters · kh · kw` (`InitializerTarget`, the one place
/// of the fan rules). `U(a, b)` is uniform on [a, b), `N(m, s)` normal with mean m and standard deviation s. Default
/// associated values are PyTorch's defaults and are written here only.
///
/// Fans of a bias: PyTorch's fan rule rejects 1-D tensors, and `nn.Linear` and `nn.Conv2d` initialise their bias
/// with the *layer's* fan-in. Sprout does the same: a bias `[out]` is filled with the fans of its layer's weight
/// (`fanIn = inputs`, `fanOut = units` for a dense layer), so `.lecunUniform` on a bias is `U(+-sqrt(3 / inputs))`.
public enum Initializer: Sendable, Hashable {
    /// All 0 (`nn.init.zeros_`). The usual bias initializer. As a weight it makes every unit identical forever.
    case zeros
    /// All 1 (`nn.init.ones_`).
    case ones
    /// Every entry `value` (`nn.init.constant_`).
    case constant(Double)
    /// `U(low, high)` (`nn.init.uniform_`).
    case uniform(low: Double, high: Double)
    /// `N(mean, std)` (`nn.init.normal_`).
    case normal(mean: Double, std: Double)
    /// Glorot & Bengio 2010, "Understanding the difficulty of training deep feedforward neural networks":
    /// `U(-b, b)` with `b = gain * sqrt(6 / (fan_in + fan_out))` (`nn.init.xavier_uniform_`).
    case xavierUniform(gain: Double)
    /// Glorot & Bengio 2010: `N(0, gain * sqrt(2 / (fan_in + fan_out)))` (`nn.init.xavier_normal_`).
    case xavierNormal(gain: Double)
    /// He et al. 2015, "Delving deep into rectifiers": `U(-b, b)` with `b = gain * sqrt(3 / fan)`, fan chosen by
    /// `mode`, gain from `nonlinearity` (`nn.init.kaiming_uniform_`). (`nn.Linear`'s own default weight is this with
    /// `.leakyRelu(slope: 5.0.squareRoot())`, i.e. `U(+-1/sqrt(fan_in))`.) The engine states no defaults: the
    /// config layer (SproutConfig) is the one place that does.
    case kaimingUniform(mode: FanMode, nonlinearity: Nonlinearity)
    /// He et al. 2015: `N(0, gain / sqrt(fan))` (`nn.init.kaiming_normal_`).
    case kaimingNormal(mode: FanMode, nonlinearity: Nonlinearity)
    /// LeCun et al. 1998, "Efficient BackProp": `U(-b, b)` with `b = sqrt(3 / fan_in)`, i.e. variance `1 / fan_in`
    /// (Keras/JAX `lecun_uniform`; in PyTorch `kaiming_uniform_(mode='fan_in', nonlinearity='linear')`).
    case lecunUniform
    /// LeCun et al. 1998; the initializer of self-normalising networks (Klambauer et al. 2017): `N(0, 1/sqrt(fan_in))`,
    /// i.e. PyTorch's `kaiming_normal_(mode='fan_in', nonlinearity='linear')`. Keras and JAX draw a *truncated* normal
    /// with the same variance instead; Sprout follows PyTorch.
    case lecunNormal
    /// `N(mean, std)` truncated to the absolute bounds [a, b] (`nn.init.trunc_normal_`): with `α = (a - mean) / std`,
    /// `β = (b - mean) / std`, a draw is `mean + std · Φ⁻¹(u)`, `u ~ U(Φ(α), Φ(β))` (inverse-CDF sampling, as
    /// PyTorch), clamped to [a, b]. Its mean is `mean + std (φ(α) - φ(β)) / Z` and its variance
    /// `std² (1 + (α φ(α) - β φ(β)) / Z - ((φ(α) - φ(β)) / Z)²)`, `Z = Φ(β) - Φ(α)`. Standard deviation 0 is the
    /// constant `mean` clamped to [a, b].
    case truncatedNormal(mean: Double, std: Double, a: Double, b: Double)
    /// A (semi-)orthogonal matrix times `gain` (Saxe et al. 2014, `nn.init.orthogonal_`): Householder QR of a
    /// Gaussian matrix, see Initializer+Orthogonal.swift. Rows orthonormal when `out <= in`, columns otherwise. A
    /// convolution's weight is the flattened kernel, `filters × (channels / groups · kh · kw)`, as PyTorch views it:
    /// the filters are orthonormal when there are no more of them than values in one.
    case orthogonal(gain: Double)
    /// `gain` where row = column, 0 elsewhere, also for a non-square weight (`nn.init.eye_` times gain, Keras'
    /// `Identity(gain)`). A bias `[out]` is the `out × 1` column: `gain` first, then zeros. PyTorch's `eye_` takes
    /// 2-D tensors only (the validator refuses it on a convolution); the engine views a convolution's weight as the
    /// `filters × (channels / groups · kh · kw)` matrix, so filter `i` gets `gain` at flat position `i` of its
    /// kernel and nothing else. (`dirac` is the identity of a convolution.)
    case identity(gain: Double)
    /// Martens 2010, "Deep learning via Hessian-free optimization" (`nn.init.sparse_`): every entry `N(0, std)`,
    /// then in each column `ceil(sparsity · rows)` entries chosen at random set to 0 (`rows` = out; a bias `[out]`
    /// is one column). PyTorch's `sparse_` takes 2-D tensors only (the validator refuses it on a convolution); the
    /// engine views a convolution's weight as the `filters × (channels / groups · kh · kw)` matrix, rows = filters.
    case sparse(sparsity: Double, std: Double)
    /// A convolution that passes its input through (`nn.init.dirac_(weight, groups)`, groups = the convolution's):
    /// `weight[g · F/groups + d, d, kh / 2, kw / 2] = 1` for every group `g` and `d < min(F/groups, C/groups)`,
    /// everything else 0, so with odd kernels and `same` padding output channel `d` of each group copies its input
    /// channel `d` (filters beyond the input channels stay 0). Nothing is drawn. PyTorch accepts only 3- to 5-D
    /// tensors: a dense weight is refused when the network is built (`NetworkError.invalidShape`); a bias `[out]`
    /// is filled with zeros, the bias of an identity map. Not for a dense layer: there `identity` is the analogue.
    case dirac
    /// Keras' `VarianceScaling(scale, mode, distribution)`: variance `v = scale / n`, `n` = fan_in, fan_out or
    /// `(fan_in + fan_out) / 2` by `mode` (each at least 1); then `U(-√(3v), √(3v))` (uniform), `N(0, √v)`
    /// (untruncated_normal), or `N(0, s)` with `s = √v / 0.87962566103423978` truncated to `[-2s, 2s]`
    /// (truncated_normal; 0.8796… is the standard deviation of a unit normal truncated at ±2, so the variance is
    /// still v). Keras redraws the values beyond 2 standard deviations; Sprout samples the same truncated
    /// distribution by its inverse CDF (the `truncatedNormal` sampler), which needs no loop.
    case varianceScaling(scale: Double, mode: VarianceScalingMode, distribution: VarianceScalingDistribution)
    /// These values, in storage order (row-major `[out, in]` for a weight), copied exactly: weights loaded by the
    /// caller (Sprout's builder reads them from a safetensors file, so the engine knows no file format). Building
    /// a network checks that the count is the parameter's.
    case values([Float])
    /// `initializer` drawn from its own stream, `RandomStream(seed: seed, key: "init/seeded")`, instead of the
    /// parameter's (`init/<parameter>` under the run seed): the draw depends on this seed alone, as a Keras
    /// initializer built with `seed=`. So two parameters of one shape with the same seeded initializer start
    /// identical (the known trap of reusing `RandomNormal(seed=1)` for two layers), and the run seed changes nothing.
    indirect case seeded(Initializer, seed: UInt64)
}

/// The distribution an initializer resolves to once the fans are known.
public enum ResolvedDistribution: Equatable, Sendable {
    case constant(Double)
    case uniform(low: Double, high: Double)
    case normal(mean: Double, std: Double)
    /// `N(mean, std)` restricted to [low, high] (low < high, std > 0), drawn by the inverse CDF.
    case truncatedNormal(mean: Double, std: Double, low: Double, high: Double)
    /// A semi-orthogonal `rows × columns` matrix times gain (the tensor's matrix view, `InitializerTarget`).
    case orthogonal(gain: Double)
    /// `gain` on the diagonal of the `rows × columns` matrix, 0 elsewhere.
    case identity(gain: Double)
    /// `N(0, std)` with exactly `zerosPerColumn` zeros in each column of the `rows × columns` matrix.
    case sparse(zerosPerColumn: Int, std: Double)
    /// 1 at the centre of kernel `[g · F/groups + d, d]` for `d < min(F/groups, C/groups)` in each of the `groups`
    /// groups, 0 elsewhere (a bias resolves to `.constant(0)` instead).
    case dirac(groups: Int)
    /// Given values, copied.
    case values([Float])
}

extension Initializer {
    /// The distribution for a dense layer's weight `[fanOut, fanIn]` (or its bias, which differs only for `dirac`):
    /// `distribution(for:)` with `InitializerTarget.denseWeight`.
    public func distribution(fanIn: Int, fanOut: Int) -> ResolvedDistribution {
        distribution(for: .denseWeight(units: fanOut, inputs: fanIn))
    }

    /// The distribution this initializer draws from for this tensor. The formulas live here only.
    public func distribution(for target: InitializerTarget) -> ResolvedDistribution {
        let fanIn = target.fanIn, fanOut = target.fanOut
        let fanInValue = Double(max(fanIn, 1))
        let fanOutValue = Double(max(fanOut, 1))
        func fan(_ mode: FanMode) -> Double { mode == .fanIn ? fanInValue : fanOutValue }
        switch self {
        case .zeros: return .constant(0)
        case .ones: return .constant(1)
        case .constant(let value): return .constant(value)
        case .uniform(let low, let high): return .uniform(low: low, high: high)
        case .normal(let mean, let std): return .normal(mean: mean, std: std)
        case .xavierUniform(let gain):
            let bound = gain * (6.0 / (fanInValue + fanOutValue)).squareRoot()
            return .uniform(low: -bound, high: bound)
        case .xavierNormal(let gain):
            return .normal(mean: 0, std: gain * (2.0 / (fanInValue + fanOutValue)).squareRoot())
        case .kaimingUniform(let mode, let nonlinearity):
            let bound = 3.0.squareRoot() * nonlinearity.gain / fan(mode).squareRoot()
            return .uniform(low: -bound, high: bound)
        case .kaimingNormal(let mode, let nonlinearity):
            return .normal(mean: 0, std: nonlinearity.gain / fan(mode).squareRoot())
        case .lecunUniform:
            let bound = (3.0 / fanInValue).squareRoot()
            return .uniform(low: -bound, high: bound)
        case .lecunNormal:
            return .normal(mean: 0, std: 1.0 / fanInValue.squareRoot())
        case .truncatedNormal(let mean, let std, let a, let b):
            guard std > 0 else { return .constant(min(max(mean, a), b)) }
            return .truncatedNormal(mean: mean, std: std, low: a, high: b)
        case .orthogonal(let gain): return .orthogonal(gain: gain)
        case .identity(let gain): return .identity(gain: gain)
        case .sparse(let sparsity, let std):
            // ceil(sparsity · rows), as PyTorch; clamped to [0, rows] so an out-of-range sparsity cannot overrun.
            let zeros = (min(max(sparsity, 0), 1) * Double(max(target.rows, 0))).rounded(.up)
            return .sparse(zerosPerColumn: Int(zeros), std: std)
        case .dirac:
            return target.shape.count == 1 ? .constant(0) : .dirac(groups: target.groups)
        case .values(let values): return .values(values)
        case .seeded(let initializer, _): return initializer.distribution(for: target)
        case .varianceScaling(let scale, let mode, let distribution):
            let n: Double
            switch mode {
            case .fanIn: n = fanInValue
            case .fanOut: n = fanOutValue
            case .fanAvg: n = (fanInValue + fanOutValue) / 2
            }
            let variance = scale / n
            switch distribution {
            case .uniform:
                let bound = (3 * variance).squareRoot()
                return .uniform(low: -bound, high: bound)
            case .untruncatedNormal: return .normal(mean: 0, std: variance.squareRoot())
            case .truncatedNormal:
                let std = variance.squareRoot() / 0.87962566103423978
                guard std > 0 else { return .constant(0) }
                return .truncatedNormal(mean: 0, std: std, low: -2 * std, high: 2 * std)
            }
        }
    }
}
