/// A float32 tanh that the compiler vectorizes: a rational minimax approximation instead of a call to libm.
///
///     tanh(x) ≈ x · P(x²) / Q(x²)   for |x| ≤ 7.90531110763549805 (x clamped to that range first),
///     P(t) = α₁ + α₃ t + α₅ t² + α₇ t³ + α₉ t⁴ + α₁₁ t⁵ + α₁₃ t⁶,   Q(t) = β₀ + β₂ t + β₄ t² + β₆ t³,
///     and tanh(x) = x for |x| < 0.0004 (there tanh(x) = x - x³/3 + … differs from x by less than one ulp).
///
/// The coefficients are Eigen 3.4's `generic_fast_tanh_float` (Eigen/src/Core/MathFunctionsImpl.h), the same
/// approximation XLA uses on the CPU, so Sprout's tanh networks compute what JAX's do. At the clamp the quotient
/// rounds to exactly ±1, and it never exceeds 1 in magnitude (tested densely up to the clamp). Between neighbouring
/// inputs the quotient's rounding may step back by a few ulps, never more than twice its error bound.
///
/// Why not `tanhf`: glibc's scalar tanhf (through expm1f) took 57% of the training time of the benchmark's W1
/// network (2-16-16-1, batch 32); this loop has no call and no branch, so it runs 4 floats at a time. Measured
/// accuracy against the double-precision tanh over all float32 inputs of [-10, 10]: see RationalTanhTests.
enum RationalTanh {
    static let clamp: Float = 7.90531110763549805
    static let linearBelow: Float = 0.0004

    static let alpha1: Float = 4.89352455891786e-03
    static let alpha3: Float = 6.37261928875436e-04
    static let alpha5: Float = 1.48572235717979e-05
    static let alpha7: Float = 5.12229709037114e-08
    static let alpha9: Float = -8.60467152213735e-11
    static let alpha11: Float = 2.00018790482477e-13
    static let alpha13: Float = -2.76076847742355e-16
    static let beta0: Float = 4.89352518554385e-03
    static let beta2: Float = 2.26843463243900e-03
    static let beta4: Float = 1.18534705686654e-04
    static let beta6: Float = 1.19825839466702e-06

    /// tanh of one value; a NaN stays NaN (the clamp's comparisons are false for NaN, so it passes through to the
    /// quotient), so a diverging run still shows.
    @inline(__always)
    static func tanh(_ value: Float) -> Float {
        let x = value > clamp ? clamp : (value < -clamp ? -clamp : value)
        let t = x * x
        var p = alpha13
        p = p * t + alpha11
        p = p * t + alpha9
        p = p * t + alpha7
        p = p * t + alpha5
        p = p * t + alpha3
        p = p * t + alpha1
        p = p * x
        var q = beta6
        q = q * t + beta4
        q = q * t + beta2
        q = q * t + beta0
        let magnitude = value < 0 ? -value : value
        return magnitude < linearBelow ? value : p / q
    }
}
