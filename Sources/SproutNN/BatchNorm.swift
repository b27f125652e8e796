/// PyTorch's `nn.BatchNorm1d(width, eps, momentum, affine)` on flat features and `nn.BatchNorm2d(C, ...)` on
/// images (Ioffe & Szegedy 2015): each feature, or each channel, normalized over the batch (and the channel's
/// height and width). Shapes: `x: (batch, C · S) -> y: (batch, C · S)` with `S = 1` for flat features (`C` = the
/// width) and `S = H · W` for an image `[C, H, W]`; `weight γ: [C]` (ones), `bias β: [C]` (zeros), named
/// `"<node>.weight"`, `"<node>.bias"`; the running statistics `runningMean` (zeros) and `runningVar` (ones), `[C]`,
/// are state, not parameters (PyTorch's buffers): no gradient, no optimizer step.
///
/// Training forward, per channel `c` over its `N = batch · S` values `x_ic` (every example `i`, every cell):
/// `μ_c = Σ x_ic / N`, `σ²_c = Σ (x_ic - μ_c)² / N` (biased), `s_c = 1/√(σ²_c + eps)`, `x̂_ic = (x_ic - μ_c) s_c`,
/// `y_ic = γ_c x̂_ic + β_c`; then `runningMean = (1 - momentum) runningMean + momentum μ` and
/// `runningVar = (1 - momentum) runningVar + momentum σ² N/(N-1)` (PyTorch's unbiased running variance, with
/// `N = batch · H · W` for an image exactly as BatchNorm2d; for N = 1, where PyTorch raises, the factor is taken as
/// 1 so nothing traps or turns NaN).
/// Training backward, `g_ic = dy_ic γ_c`: `dx_ic = s_c (g_ic - Σ g_c / N - x̂_ic Σ g_c x̂_c / N)`.
/// Evaluation: `μ = runningMean`, `s = 1/√(runningVar + eps)` are constants, so `dx_ic = g_ic s_c`.
/// Both modes: `dγ_c += Σ dy_ic x̂_ic`, `dβ_c += Σ dy_ic`.
///
/// Loops run along contiguous memory: across the features of a row when `S = 1`, across a channel's cells
/// otherwise (BatchNorm+Planes.swift), so both vectorize.
final class BatchNorm: Layer {
    /// `C`: the features of a flat input, the channels of an image.
    let width: Int
    /// `S`: 1 for flat features, `H · W` for an image.
    let planeSize: Int
    let momentum: Float
    let eps: Float
    let weight: Parameter?
    let bias: Parameter?
    private(set) var runningMean: [Float]
    private(set) var runningVar: [Float]
    /// Training forward passes since initialization (PyTorch's `num_batches_tracked`; unused by the arithmetic, as
    /// in PyTorch whenever `momentum` is set, which Sprout's always is).
    private(set) var batchesTracked: Int64 = 0
    let name: String
    private let unitScale: [Float]
    private let zeroShift: [Float]
    /// μ and s of the last forward, then the two column sums of the backward: all `[width]`, sized once.
    let mean: FloatBuffer
    let scale: FloatBuffer
    let sumG: FloatBuffer
    let sumGX: FloatBuffer
    private(set) var lastMode = ForwardMode.evaluation

    /// `width` features (`planeSize` 1), or `width` channels of `planeSize` cells each.
    init(name: String, width: Int, planeSize: Int, momentum: Float, eps: Float, affine: Bool) {
        self.name = name
        self.width = width
        self.planeSize = planeSize
        self.momentum = momentum
        self.eps = eps
        weight = affine ? Parameter(name: "\(name).weight", shape: [width]) : nil
        bias = affine ? Parameter(name: "\(name).bias", shape: [width]) : nil
        runningMean = [Float](repeating: 0, count: width)
        runningVar = [Float](repeating: 1, count: width)
        unitScale = [Float](repeating: 1, count: width)
        zeroShift = [Float](repeating: 0, count: width)
        (mean, scale, sumG, sumGX) = (FloatBuffer(capacity: width), FloatBuffer(capacity: width),
                                      FloatBuffer(capacity: width), FloatBuffer(capacity: width))
    }

    var outputWidth: Int { width * planeSize }
    var parameters: [Parameter] { [weight, bias].compactMap { $0 } }

    /// `<node>.running_mean`, `<node>.running_var` (F32 `[width]`) and `<node>.num_batches_tracked` (I64 `[]`), in
    /// PyTorch's state_dict order. A loaded value replaces the array in place (same count, checked by the buffer),
    /// so the running statistics keep storage of their own.
    var buffers: [NetworkBuffer] {
        [NetworkBuffer(name: "\(name).running_mean", shape: [width], dtype: "F32",
                       read: { .float32(self.runningMean) },
                       write: { if case .float32(let v) = $0 { Self.copy(v, into: &self.runningMean) } }),
         NetworkBuffer(name: "\(name).running_var", shape: [width], dtype: "F32",
                       read: { .float32(self.runningVar) },
                       write: { if case .float32(let v) = $0 { Self.copy(v, into: &self.runningVar) } }),
         NetworkBuffer(name: "\(name).num_batches_tracked", shape: [], dtype: "I64",
                       read: { .int64([self.batchesTracked]) },
                       write: { if case .int64(let v) = $0, let n = v.first { self.batchesTracked = n } })]
    }

    private static func copy(_ values: [Float], into target: inout [Float]) {
        target.withUnsafeMutableBufferPointer { destination in
            for index in destination.indices where index < values.count { destination[index] = values[index] }
        }
    }

    /// PyTorch's `reset_parameters` and `reset_running_stats`: weight ones, bias zeros, mean 0, variance 1.
    /// Written in place, so no array shares storage with another (the first optimizer step or training forward
    /// would otherwise copy it: an allocation in the hot path).
    func initialize(seed: UInt64) {
        weight?.value.withUnsafeMutableBufferPointer { $0.update(repeating: 1) }
        bias?.value.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        runningMean.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        runningVar.withUnsafeMutableBufferPointer { $0.update(repeating: 1) }
        batchesTracked = 0
    }

    func reserve(batch: Int) {}

    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        lastMode = mode
        let mu = mean.base, s = scale.base
        if mode == .training {
            guard batch > 0 else { return }
            if planeSize == 1 { batchStatistics(x, batch: batch) } else { planeStatistics(x, batch: batch) }
            updateRunningStatistics(count: batch * planeSize)
            batchesTracked &+= 1
        } else {
            runningMean.withUnsafeBufferPointer { rm in
                runningVar.withUnsafeBufferPointer { rv in
                    for j in 0..<width {
                        mu[j] = rm[j]
                        s[j] = 1 / (rv[j] + eps).squareRoot()
                    }
                }
            }
        }
        (weight?.value ?? unitScale).withUnsafeBufferPointer { gamma in
            (bias?.value ?? zeroShift).withUnsafeBufferPointer { beta in
                guard let gamma = gamma.baseAddress, let beta = beta.baseAddress else { return }
                if planeSize > 1 {
                    normalizePlanes(x, y, batch: batch, gamma: gamma, beta: beta)
                    return
                }
                for i in 0..<batch {
                    let xi = x + i * width, yi = y + i * width
                    for j in 0..<width { yi[j] = gamma[j] * ((xi[j] - mu[j]) * s[j]) + beta[j] }
                }
            }
        }
    }

    /// μ and the sums of squared deviations of this batch (S = 1) into `mean`, `scale`.
    private func batchStatistics(_ x: UnsafePointer<Float>, batch: Int) {
        let mu = mean.base, s = scale.base, n = Float(batch)
        mu.update(repeating: 0, count: width)
        s.update(repeating: 0, count: width)
        for i in 0..<batch { let xi = x + i * width; for j in 0..<width { mu[j] += xi[j] } }
        for j in 0..<width { mu[j] /= n }
        for i in 0..<batch {
            let xi = x + i * width
            for j in 0..<width { let c = xi[j] - mu[j]; s[j] += c * c }
        }
    }

    /// The running statistics updated from `mean` and the sums of squared deviations in `scale` over `count`
    /// values per channel, and `scale` turned into `s = 1/√(σ² + eps)`.
    private func updateRunningStatistics(count: Int) {
        let mu = mean.base, s = scale.base, n = Float(count)
        let unbiased = n / max(n - 1, 1)
        runningMean.withUnsafeMutableBufferPointer { rm in
            runningVar.withUnsafeMutableBufferPointer { rv in
                for j in 0..<width {
                    let variance = s[j] / n
                    rm[j] = (1 - momentum) * rm[j] + momentum * mu[j]
                    rv[j] = (1 - momentum) * rv[j] + momentum * variance * unbiased
                    s[j] = 1 / (variance + eps).squareRoot()
                }
            }
        }
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        let mu = mean.base, s = scale.base, sg = sumG.base, sgx = sumGX.base, n = Float(batch * planeSize)
        (weight?.value ?? unitScale).withUnsafeBufferPointer { gamma in
            guard let gamma = gamma.baseAddress else { return }
            sg.update(repeating: 0, count: width)
            sgx.update(repeating: 0, count: width)
            if planeSize > 1 {
                planeSums(x, dy, batch: batch)
            } else {
                for i in 0..<batch {  // column sums of dy and dy·x̂ (γ applied after)
                    let xi = x + i * width, gi = dy + i * width
                    for j in 0..<width {
                        sg[j] += gi[j]
                        sgx[j] += gi[j] * ((xi[j] - mu[j]) * s[j])
                    }
                }
            }
            if let weight, let bias {
                weight.gradient.withUnsafeMutableBufferPointer { dGamma in
                    bias.gradient.withUnsafeMutableBufferPointer { dBeta in
                        for j in 0..<width {
                            dGamma[j] += sgx[j]
                            dBeta[j] += sg[j]
                        }
                    }
                }
            }
            guard let dx, batch > 0 else { return }
            // Training: a_j = γ_j s_j, b_j = γ_j Σg/N, c_j = γ_j Σg x̂/N; evaluation: b = c = 0.
            let centred: Float = lastMode == .training ? 1 / n : 0
            if planeSize > 1 {
                planeInputGradient(x, dy, dx, batch: batch, gamma: gamma, centred: centred, accumulate: accumulate)
                return
            }
            for i in 0..<batch {
                let xi = x + i * width, gi = dy + i * width, dxi = dx + i * width
                for j in 0..<width {
                    let xhat = (xi[j] - mu[j]) * s[j]
                    let value = gamma[j] * s[j] * (gi[j] - centred * (sg[j] + xhat * sgx[j]))
                    dxi[j] = accumulate ? dxi[j] + value : value
                }
            }
        }
    }
}
