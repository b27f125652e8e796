#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kernels of the parametric and smooth activations (formulas and references on `Activation`'s cases). Same
/// rules as Activation+Kernels.swift: loop bodies branch-free (both sides of every select computed first, then
/// chosen), `accumulate` tested once outside the loop (in `store`, which the optimizer inlines). These differentiate
/// from the input `x`.
extension ActivationKernels {
    /// Writes (`accumulate == false`) or adds `gradient(i)` into `dx[i]` for every `i`.
    @inline(__always)
    static func store(_ dx: UnsafeMutablePointer<Float>, _ count: Int, _ accumulate: Bool,
                      _ gradient: (Int) -> Float) {
        if accumulate {
            for i in 0..<count { dx[i] += gradient(i) }
        } else {
            for i in 0..<count { dx[i] = gradient(i) }
        }
    }

    // MARK: leaky_relu: y = x > 0 ? x : slope·x; dy/dx = x > 0 ? 1 : slope

    static func leakyReluForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int,
                                 slope: Float) {
        for i in 0..<count {
            let v = x[i], scaled = v * slope
            y[i] = v > 0 ? v : scaled
        }
    }

    static func leakyReluBackward(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                  _ dx: UnsafeMutablePointer<Float>, _ count: Int, _ accumulate: Bool, slope: Float) {
        store(dx, count, accumulate) { i in
            let g = dy[i], scaled = g * slope
            return x[i] > 0 ? g : scaled
        }
    }

    // MARK: elu / selu: y = scale·(x > 0 ? x : alpha·(exp(x) - 1)); dy/dx = scale·(x > 0 ? 1 : alpha·exp(x))

    static func eluForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int,
                           alpha: Float, scale: Float) {
        for i in 0..<count {
            let v = x[i], negative = alpha * expm1f(v)  // expm1 as PyTorch: exact near 0
            y[i] = scale * (v > 0 ? v : negative)
        }
    }

    static func eluBackward(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                            _ count: Int, _ accumulate: Bool, alpha: Float, scale: Float) {
        store(dx, count, accumulate) { i in
            let v = x[i], negative = alpha * expf(v)
            return dy[i] * scale * (v > 0 ? 1 : negative)
        }
    }

    // MARK: gelu (exact): y = x·Φ(x); dy/dx = Φ(x) + x·φ(x)

    static let inverseSqrt2: Float = 0.70710678118654752440
    static let inverseSqrt2Pi: Float = 0.39894228040143267794
    static let sqrt2OverPi: Float = 0.79788456080286535588
    static let geluCubic: Float = 0.044715

    static func geluForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count {
            let v = x[i]
            y[i] = 0.5 * v * (1 + erff(v * inverseSqrt2))
        }
    }

    static func geluBackward(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                             _ count: Int, _ accumulate: Bool) {
        store(dx, count, accumulate) { i in
            let v = x[i]
            let cdf = 0.5 * (1 + erff(v * inverseSqrt2))
            let pdf = inverseSqrt2Pi * expf(-0.5 * v * v)
            return dy[i] * (cdf + v * pdf)
        }
    }

    // MARK: gelu (tanh): y = x(1 + tanh u)/2, u = √(2/π)(x + 0.044715x³)

    static func geluTanhForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count {
            let v = x[i]
            y[i] = 0.5 * v * (1 + tanhf(sqrt2OverPi * (v + geluCubic * v * v * v)))
        }
    }

    /// `dy/dx = (1 + t)/2 + x (1 - t²) √(2/π) (1 + 3·0.044715 x²) / 2`, `t = tanh u`.
    static func geluTanhBackward(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                 _ dx: UnsafeMutablePointer<Float>, _ count: Int, _ accumulate: Bool) {
        store(dx, count, accumulate) { i in
            let v = x[i]
            let t = tanhf(sqrt2OverPi * (v + geluCubic * v * v * v))
            let du = sqrt2OverPi * (1 + 3 * geluCubic * v * v)
            return dy[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * du)
        }
    }

    // MARK: softsign: y = x / (1 + |x|); dy/dx = 1 / (1 + |x|)²

    static func softsignForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count { let v = x[i]; y[i] = v / (1 + abs(v)) }
    }

    static func softsignBackward(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                 _ dx: UnsafeMutablePointer<Float>, _ count: Int, _ accumulate: Bool) {
        store(dx, count, accumulate) { i in
            let d = 1 + abs(x[i])
            return dy[i] / (d * d)
        }
    }

    // MARK: softplus: y = beta·x > threshold ? x : log(1 + exp(beta·x))/beta; dy/dx = 1 or sigmoid(beta·x)

    /// Above the threshold `exp` may overflow to +inf; that side is computed and discarded (no trap on floats).
    static func softplusForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int,
                                beta: Float, threshold: Float) {
        for i in 0..<count {
            let v = x[i], z = beta * v
            let smooth = log1pf(expf(z)) / beta
            y[i] = z > threshold ? v : smooth
        }
    }

    static func softplusBackward(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                 _ dx: UnsafeMutablePointer<Float>, _ count: Int, _ accumulate: Bool,
                                 beta: Float, threshold: Float) {
        store(dx, count, accumulate) { i in
            let g = dy[i], z = beta * x[i]
            let smooth = g / (1 + expf(-z))
            return z > threshold ? g : smooth
        }
    }
}
