/// PyTorch's `start.lerp_(end, weight)` with a scalar weight, as ATen's CPU kernel computes it in float32 (the
/// Python-float weight rounded to float32 once):
///
///     |weight| < 0.5:  start + weight · (end − start)
///     otherwise:       end + (weight − 1) · (end − start)     (the kernel's `end − (end − start)·(1 − weight)`)
///
/// The second form keeps the result exact at weight 1. Adam's first moment and centered RMSprop's mean gradient are
/// lerps in torch.optim (`exp_avg.lerp_(grad, 1 - beta1)`), and in float32 this is not `beta1·m + (1 − beta1)·g`:
/// the two round differently. Each product and sum is rounded (ATen's AVX2 loops fuse the multiply-add into one
/// rounding; its generic kernels do not, and neither does Swift).
struct Lerp {
    /// `weight` or `weight − 1`, in float32.
    let coefficient: Float
    /// Whether the result is taken from `end` (|weight| ≥ 0.5).
    let fromEnd: Bool

    init(weight: Double) {
        let w = Float(weight)
        fromEnd = !(abs(w) < 0.5)
        coefficient = fromEnd ? w - 1 : w
    }

    @inline(__always)
    func callAsFunction(_ start: Float, _ end: Float) -> Float {
        (fromEnd ? end : start) + coefficient * (end - start)
    }
}
