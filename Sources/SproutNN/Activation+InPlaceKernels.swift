#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kernels of a training pass's in-place activations (`InPlacePlan`): the arithmetic of Activation+Kernels.swift
/// operation for operation, so the results are bit-identical, on one buffer instead of an input and an output.
extension ActivationKernels {
    /// `y = max(y, 0)`; a NaN passes through, as in `reluForward`.
    static func reluInPlace(_ y: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count {
            let v = y[i]
            y[i] = v < 0 ? 0 : v
        }
    }

    /// `g = g · [y > 0]`.
    static func reluBackwardInPlace(_ y: UnsafePointer<Float>, _ g: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count {
            let d = g[i]
            let v = y[i]
            g[i] = v > 0 ? d : 0
        }
    }

    /// `y = tanh(y)` through `RationalTanh`.
    static func tanhInPlace(_ y: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count { y[i] = RationalTanh.tanh(y[i]) }
    }

    /// `g = g · (1 − y²)`.
    static func tanhBackwardInPlace(_ y: UnsafePointer<Float>, _ g: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count { let v = y[i]; g[i] = g[i] * (1 - v * v) }
    }

    /// `y = 1 / (1 + exp(−y))`.
    static func sigmoidInPlace(_ y: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count { y[i] = 1 / (1 + expf(-y[i])) }
    }

    /// `g = g · y · (1 − y)`.
    static func sigmoidBackwardInPlace(_ y: UnsafePointer<Float>, _ g: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count { let v = y[i]; g[i] = g[i] * v * (1 - v) }
    }
}
