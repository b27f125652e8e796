import Foundation
import Testing
@testable import SproutNN

/// `RationalTanh` (Eigen's and XLA's rational approximation) against the double-precision `tanh` of Foundation,
/// which is correctly rounded to well below a float32 ulp, so its value rounded to float32 is the reference.
@Suite struct RationalTanhTests {
    /// Every 4099th float32 bit pattern of [0, 10] (of about 1.09 billion: ~270 000 values spread evenly over the
    /// exponents, so the tiny, the linear and the saturated ranges are all sampled), and their negatives.
    static let sample: [Float] = {
        let top = Float(10).bitPattern
        return stride(from: UInt32(0), through: top, by: 4099).map { Float(bitPattern: $0) }
    }()

    /// Absolute error at most 4e-7 everywhere: under 7 float32 ulps just below 1 (where ulp = 2^-24 ≈ 6e-8);
    /// measured here: 3.59e-7, near |x| = 3. Relative error at most 2e-6 (about 16 ulps of the value) below 0.5,
    /// so small activations keep their leading digits.
    @Test func closeToTheExactTanh() {
        var worstAbsolute = 0.0, worstRelative = 0.0
        for x in Self.sample {
            for v in [x, -x] {
                let exact = tanh(Double(v))
                let approximate = Double(RationalTanh.tanh(v))
                worstAbsolute = max(worstAbsolute, abs(approximate - exact))
                if abs(v) < 0.5, exact != 0 { worstRelative = max(worstRelative, abs(approximate - exact) / abs(exact)) }
            }
        }
        #expect(worstAbsolute <= 4e-7, "worst absolute error \(worstAbsolute)")
        #expect(worstRelative <= 2e-6, "worst relative error \(worstRelative)")
    }

    /// Odd, bounded by 1, monotonic up to its error (over increasing inputs it may step back, by rounding jitter
    /// of the quotient, but never by more than twice the absolute error bound, since the exact tanh increases),
    /// exactly ±1 from the clamp outwards, and x itself for tiny x; NaN stays NaN and ±infinity gives ±1.
    @Test func shapeOfTheFunction() {
        var previous: Float = 0
        for x in Self.sample {
            let y = RationalTanh.tanh(x)
            #expect(RationalTanh.tanh(-x) == -y)
            #expect(abs(y) <= 1, "tanh(\(x)) = \(y)")
            #expect(y >= previous - 8e-7, "steps back at \(x): \(y) < \(previous)")
            previous = y
        }
        #expect(RationalTanh.tanh(RationalTanh.clamp) == 1)
        #expect(RationalTanh.tanh(100) == 1 && RationalTanh.tanh(-.infinity) == -1)
        #expect(RationalTanh.tanh(1e-5) == 1e-5 && RationalTanh.tanh(0) == 0)
        #expect(RationalTanh.tanh(.nan).isNaN)
    }

    /// Next to the clamp, where the quotient comes closest to 1: every 7th float of [7, clamp] (~270 000) and the
    /// last 1000 floats below the clamp; none may overshoot 1.
    @Test func neverAboveOneNearTheClamp() {
        let top = RationalTanh.clamp.bitPattern
        let spread = stride(from: Float(7).bitPattern, through: top, by: 7)
        let last = (top - 1000)...top
        let worst = (Array(spread) + Array(last)).map { RationalTanh.tanh(Float(bitPattern: $0)) }.max() ?? 2
        #expect(worst <= 1)
    }
}
