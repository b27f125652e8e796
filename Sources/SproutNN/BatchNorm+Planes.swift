/// BatchNorm2d's loops (`planeSize` S > 1): the same formulas as BatchNorm.swift, each channel's `S` cells of an
/// example contiguous (NCHW), so every inner loop runs along one channel plane. Forward (statistics, normalization)
/// and backward (sums, input gradient) side by side; shapes `x, y, dy, dx: (batch, C · S)`, `[C]` statistics.
/// Every channel is visited with the same sequence of operations, so identical channels stay bit-identical.
extension BatchNorm {
    /// `mean[c] = Σ x_c / N` and `scale[c] = Σ (x_c - mean[c])²` over the batch's `N = batch · S` values of channel c
    /// (each plane summed on its own, then added to the channel's total).
    func planeStatistics(_ x: UnsafePointer<Float>, batch: Int) {
        let mu = mean.base, s = scale.base, n = Float(batch * planeSize)
        mu.update(repeating: 0, count: width)
        s.update(repeating: 0, count: width)
        PlaneSums.add(x, batch: batch, planes: width, planeSize: planeSize, into: mu)
        for c in 0..<width { mu[c] /= n }
        for i in 0..<batch {
            for c in 0..<width {
                let cells = x + (i * width + c) * planeSize, m = mu[c]
                var squares: Float = 0
                for p in 0..<planeSize { let d = cells[p] - m; squares += d * d }
                s[c] += squares
            }
        }
    }

    /// `y_ic = γ_c ((x_ic - μ_c) s_c) + β_c`, plane by plane.
    func normalizePlanes(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                         gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>) {
        let mu = mean.base, s = scale.base
        for i in 0..<batch {
            for c in 0..<width {
                let offset = (i * width + c) * planeSize
                let cells = x + offset, out = y + offset
                let g = gamma[c], m = mu[c], sc = s[c], b = beta[c]
                for p in 0..<planeSize { out[p] = g * ((cells[p] - m) * sc) + b }
            }
        }
    }

    /// `sumG[c] += Σ dy_c`, `sumGX[c] += Σ dy_c x̂_c` over the batch's values of channel c (γ applied after).
    func planeSums(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, batch: Int) {
        let mu = mean.base, s = scale.base, sg = sumG.base, sgx = sumGX.base
        for i in 0..<batch {
            for c in 0..<width {
                let offset = (i * width + c) * planeSize
                let cells = x + offset, gradient = dy + offset, m = mu[c], sc = s[c]
                var sum: Float = 0, weighted: Float = 0
                for p in 0..<planeSize {
                    sum += gradient[p]
                    weighted += gradient[p] * ((cells[p] - m) * sc)
                }
                sg[c] += sum
                sgx[c] += weighted
            }
        }
    }

    /// `dx_ic = γ_c s_c (dy_ic - centred (Σ dy_c + x̂_ic Σ dy_c x̂_c))`, `centred` = 1/N in training, 0 in
    /// evaluation; written, or added when `accumulate`.
    func planeInputGradient(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                            batch: Int, gamma: UnsafePointer<Float>, centred: Float, accumulate: Bool) {
        let mu = mean.base, s = scale.base, sg = sumG.base, sgx = sumGX.base
        for i in 0..<batch {
            for c in 0..<width {
                let offset = (i * width + c) * planeSize
                let cells = x + offset, gradient = dy + offset, target = dx + offset
                let m = mu[c], sc = s[c], a = gamma[c] * s[c], sum = sg[c], weighted = sgx[c]
                if accumulate {
                    for p in 0..<planeSize {
                        let xhat = (cells[p] - m) * sc
                        target[p] += a * (gradient[p] - centred * (sum + xhat * weighted))
                    }
                } else {
                    for p in 0..<planeSize {
                        let xhat = (cells[p] - m) * sc
                        target[p] = a * (gradient[p] - centred * (sum + xhat * weighted))
                    }
                }
            }
        }
    }
}
