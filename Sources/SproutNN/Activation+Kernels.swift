#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Elementwise activation kernels, forward beside backward. All loops are branch-free in their bodies: a select is
/// written with both operands already loaded (`let g = dy[i]; dx[i] = y[i] > 0 ? g : 0`), which compiles to a vector
/// blend; a data-dependent branch inside the loop is ~35x slower in Swift. The `accumulate` flag (write or add into
/// `dx`, see `Layer`) is tested once, outside the loop.
enum ActivationKernels {
    // MARK: identity

    static func identityBackward(_ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                                 _ count: Int, _ accumulate: Bool) {
        if accumulate {
            for i in 0..<count { dx[i] += dy[i] }
        } else {
            dx.update(from: dy, count: count)
        }
    }

    // MARK: relu: y = max(x, 0); dx = dy * [y > 0]

    static func reluForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count {
            let v = x[i]
            y[i] = v < 0 ? 0 : v  // NaN < 0 is false, so a NaN passes through (as in PyTorch) and divergence shows
        }
    }

    static func reluBackward(_ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                             _ count: Int, _ accumulate: Bool) {
        if accumulate {
            for i in 0..<count {
                let g = dy[i]
                let v = y[i]
                dx[i] += v > 0 ? g : 0
            }
        } else {
            for i in 0..<count {
                let g = dy[i]
                let v = y[i]
                dx[i] = v > 0 ? g : 0
            }
        }
    }

    // MARK: tanh: y = tanh(x); dx = dy * (1 - y^2)

    /// Through `RationalTanh` (Eigen's and XLA's approximation, a few ulp from the exact value), which vectorizes;
    /// libm's `tanhf` does not.
    static func tanhForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count { y[i] = RationalTanh.tanh(x[i]) }
    }

    static func tanhBackward(_ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                             _ count: Int, _ accumulate: Bool) {
        if accumulate {
            for i in 0..<count { let v = y[i]; dx[i] += dy[i] * (1 - v * v) }
        } else {
            for i in 0..<count { let v = y[i]; dx[i] = dy[i] * (1 - v * v) }
        }
    }

    // MARK: sigmoid: y = 1 / (1 + exp(-x)); dx = dy * y * (1 - y)

    /// For x very negative `exp(-x)` overflows to +inf and y becomes exactly 0, the correct limit.
    static func sigmoidForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count { y[i] = 1 / (1 + expf(-x[i])) }
    }

    static func sigmoidBackward(_ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                _ dx: UnsafeMutablePointer<Float>, _ count: Int, _ accumulate: Bool) {
        if accumulate {
            for i in 0..<count { let v = y[i]; dx[i] += dy[i] * v * (1 - v) }
        } else {
            for i in 0..<count { let v = y[i]; dx[i] = dy[i] * v * (1 - v) }
        }
    }
}
