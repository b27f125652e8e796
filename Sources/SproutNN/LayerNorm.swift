/// PyTorch's `nn.LayerNorm(width, eps, elementwise_affine)` (Ba et al. 2016): each example normalized over its
/// features. Shapes: `x: (batch, width) -> y: (batch, width)`, `weight γ: [width]` (ones), `bias β: [width]` (zeros),
/// named `"<node>.weight"`, `"<node>.bias"` as in PyTorch's state_dict; without `elementwise_affine`, γ = 1, β = 0
/// and there are no parameters. The same in training and evaluation.
///
/// On an image `[C, H, W]` it is `nn.LayerNorm([C, H, W])`: the same arithmetic over all `width = C · H · W` values
/// of an example (NCHW storage is the row), with γ and β shaped `[C, H, W]` (`Parameter.shape`), so a checkpoint
/// loads into torch.
///
/// Forward, per row `r` (D = width): `μ_r = Σ_j x_rj / D`, `σ²_r = Σ_j (x_rj - μ_r)² / D` (biased, as PyTorch),
/// `s_r = 1/√(σ²_r + eps)`, `x̂_rj = (x_rj - μ_r) s_r`, `y_rj = γ_j x̂_rj + β_j`.
/// Backward, with `g_rj = dy_rj γ_j`: `dx_rj = s_r (g_rj - Σ_k g_rk / D - x̂_rj Σ_k g_rk x̂_rk / D)`,
/// `dγ_j += Σ_r dy_rj x̂_rj`, `dβ_j += Σ_r dy_rj`. `μ_r` and `s_r` are kept from the forward in `(batch)` buffers.
final class LayerNorm: Layer {
    let width: Int
    let eps: Float
    let weight: Parameter?
    let bias: Parameter?
    /// γ = 1, β = 0 for the non-affine form, so both forms share one loop.
    private let unitScale: [Float]
    private let zeroShift: [Float]
    private let rowMean = FloatBuffer(capacity: 1)
    private let rowScale = FloatBuffer(capacity: 1)

    /// `shape`: the normalized shape, `[width]` or `[C, H, W]` (its product is `width`).
    init(name: String, shape: [Int], eps: Float, affine: Bool) {
        let width = shape.reduce(1, *)
        self.width = width
        self.eps = eps
        weight = affine ? Parameter(name: "\(name).weight", shape: shape) : nil
        bias = affine ? Parameter(name: "\(name).bias", shape: shape) : nil
        unitScale = [Float](repeating: 1, count: width)
        zeroShift = [Float](repeating: 0, count: width)
    }

    var outputWidth: Int { width }
    var parameters: [Parameter] { [weight, bias].compactMap { $0 } }

    /// PyTorch's `reset_parameters`: weight ones, bias zeros (no randomness).
    func initialize(seed: UInt64) {
        weight?.value.withUnsafeMutableBufferPointer { $0.update(repeating: 1) }
        bias?.value.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    func reserve(batch: Int) {
        rowMean.reserve(batch)
        rowScale.reserve(batch)
    }

    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        let d = Float(width)
        (weight?.value ?? unitScale).withUnsafeBufferPointer { gamma in
            (bias?.value ?? zeroShift).withUnsafeBufferPointer { beta in
                for r in 0..<batch {
                    let xr = x + r * width, yr = y + r * width
                    var sum: Float = 0
                    for j in 0..<width { sum += xr[j] }
                    let mu = sum / d
                    var squares: Float = 0
                    for j in 0..<width { let c = xr[j] - mu; squares += c * c }
                    let s = 1 / (squares / d + eps).squareRoot()
                    rowMean.base[r] = mu
                    rowScale.base[r] = s
                    for j in 0..<width { yr[j] = gamma[j] * ((xr[j] - mu) * s) + beta[j] }
                }
            }
        }
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        let d = Float(width)
        if let weight, let bias {
            weight.gradient.withUnsafeMutableBufferPointer { dGamma in
                bias.gradient.withUnsafeMutableBufferPointer { dBeta in
                    for r in 0..<batch {
                        let xr = x + r * width, gr = dy + r * width
                        let mu = rowMean.base[r], s = rowScale.base[r]
                        for j in 0..<width {
                            dGamma[j] += gr[j] * ((xr[j] - mu) * s)
                            dBeta[j] += gr[j]
                        }
                    }
                }
            }
        }
        guard let dx else { return }
        (weight?.value ?? unitScale).withUnsafeBufferPointer { gamma in
            for r in 0..<batch {
                let xr = x + r * width, gr = dy + r * width, dxr = dx + r * width
                let mu = rowMean.base[r], s = rowScale.base[r]
                var sumG: Float = 0, sumGX: Float = 0
                for j in 0..<width {
                    let g = gr[j] * gamma[j]
                    sumG += g
                    sumGX += g * ((xr[j] - mu) * s)
                }
                let meanG = sumG / d, meanGX = sumGX / d
                if accumulate {
                    for j in 0..<width { dxr[j] += s * (gr[j] * gamma[j] - meanG - (xr[j] - mu) * s * meanGX) }
                } else {
                    for j in 0..<width { dxr[j] = s * (gr[j] * gamma[j] - meanG - (xr[j] - mu) * s * meanGX) }
                }
            }
        }
    }
}
