#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution's CDF `Φ` and its inverse, in Double, for the truncated-normal initializer.
///
/// PyTorch's `trunc_normal_` draws `u ~ U(Φ(α), Φ(β))` and returns `√2 · erfinv(2u - 1)`, which is `Φ⁻¹(u)`. Sprout
/// computes `Φ⁻¹` directly instead of through `erfinv(2u - 1)`: forming `2u - 1` throws away the small probabilities
/// of the lower tail (`2 · 1e-20 - 1 == -1` in Double), while `Φ⁻¹` below uses `erfc`, accurate there.
package enum StandardNormal {
    /// `Φ(x) = erfc(-x / √2) / 2`: `erfc` keeps full relative accuracy in the lower tail (where `1 + erf` would
    /// cancel).
    package static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// `Φ⁻¹(p)`: `-inf` for `p <= 0`, `+inf` for `p >= 1`, nan for nan.
    ///
    /// Acklam's rational approximation (P. J. Acklam, "An algorithm for computing the inverse normal cumulative
    /// distribution function", 2003; relative error below 1.15e-9), then two Halley steps on `Φ(x) - p`
    /// using `cdf` above (cubic convergence: 1e-9 becomes below Double's precision after the first step; the
    /// second is a margin). Halley's step for `f(x) = Φ(x) - p`, `f' = φ(x)`, `f'' = -x φ(x)`:
    /// `e = f / φ`, `x ← x - e / (1 + x e / 2)`.
    package static func quantile(_ p: Double) -> Double {
        if p.isNaN { return .nan }
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        var x = acklam(p)
        for _ in 0..<2 {
            let e = (cdf(x) - p) * (2 * Double.pi).squareRoot() * exp(x * x / 2)
            guard e.isFinite else { break }
            x -= e / (1 + x * e / 2)
        }
        return x
    }

    /// Acklam's approximation: a rational function of `p - 1/2` in the central region [0.02425, 0.97575], and of
    /// `√(-2 ln p)` (or of `1 - p`, mirrored) in the tails.
    static func acklam(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        func tail(_ q: Double) -> Double {
            (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let low = 0.02425
        if p < low { return tail((-2 * log(p)).squareRoot()) }
        if p > 1 - low { return -tail((-2 * log1p(-p)).squareRoot()) }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
