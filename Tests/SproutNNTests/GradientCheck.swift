@testable import SproutNN
import SproutRandom

/// Central-difference gradient checking in the style of Caffe's `GradientChecker`, for float32 code.
///
/// Tolerance: |numeric - analytic| <= 2e-3 + 1e-2 |analytic|, with eps = 1e-2. Why:
/// - truncation error of a central difference is eps^2 / 6 * |L'''|; for these nets (weights and inputs O(1),
///   smooth activations) |L'''| is at most ~10, giving <= 2e-4;
/// - rounding: L is summed in Double from float32 outputs, each with a relative error of a few ulp (2^-24 ~ 6e-8)
///   times the ~10 operations behind it, so |delta L| <~ 1e-6 * sum|y r| ~ 1e-5 at these sizes; divided by
///   2 eps = 2e-2 that is <= 5e-4. The perturbation actually applied is measured after rounding the perturbed value
///   to Float, so representation error does not enter the quotient.
/// The bound is then ~3x above the worst expected error while a wrong formula (a missing factor, a transposed
/// matrix) is off by O(|gradient|) ~ 0.1..1.
enum GradientCheck {
    static let eps: Float = 1e-2

    static func close(_ numeric: Double, _ analytic: Double) -> Bool {
        abs(numeric - analytic) <= 2e-3 + 1e-2 * abs(analytic)
    }

    /// L = sum_i r_i * y_i for a fixed projection r, so dL/dy = r.
    static func projectedLoss(_ network: Network, _ x: [Float], batch: Int, _ r: [Float],
                              mode: ForwardMode = .evaluation) throws -> Double {
        let y = try network.forward(x, batch: batch, mode: mode)
        var total = 0.0
        for i in 0..<y.count { total += Double(y[i]) * Double(r[i]) }
        return total
    }

    /// Compares every parameter entry and every input entry; returns the list of mismatches (empty when all agree).
    static func mismatches(
        _ network: Network, x: [Float], batch: Int, loss: (Network, [Float]) throws -> (Double, [Float])
    ) throws -> [String] {
        var failures = [String]()
        network.zeroGradients()
        let (_, outputGradient) = try loss(network, x)
        var inputGradient = [Float]()
        try network.backward(outputGradient: outputGradient, inputGradient: &inputGradient)
        let analytic = network.parameters.map(\.gradient)

        for (p, parameter) in network.parameters.enumerated() {
            for i in 0..<parameter.count {
                let original = parameter.value[i]
                parameter.value[i] = original + eps
                let plusStep = parameter.value[i]
                let plus = try loss(network, x).0
                parameter.value[i] = original - eps
                let minusStep = parameter.value[i]
                let minus = try loss(network, x).0
                parameter.value[i] = original
                let numeric = (plus - minus) / (Double(plusStep) - Double(minusStep))
                if !close(numeric, Double(analytic[p][i])) {
                    failures.append("\(parameter.name)[\(i)]: numeric \(numeric) analytic \(analytic[p][i])")
                }
            }
        }
        for i in x.indices {
            var xPlus = x, xMinus = x
            xPlus[i] += eps
            xMinus[i] -= eps
            let numeric = (try loss(network, xPlus).0 - loss(network, xMinus).0) / (Double(xPlus[i]) - Double(xMinus[i]))
            if !close(numeric, Double(inputGradient[i])) {
                failures.append("x[\(i)]: numeric \(numeric) analytic \(inputGradient[i])")
            }
        }
        return failures
    }

    static func randomValues(_ count: Int, key: String, scale: Double = 1) -> [Float] {
        var stream = RandomStream(seed: 99, key: key)
        return (0..<count).map { _ in Float(scale * stream.normal()) }
    }
}
