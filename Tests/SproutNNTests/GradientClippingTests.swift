import Testing
@testable import SproutNN

/// Two parameters with gradients (3) and (0, 4): global norm √(9 + 0 + 16) = 5. Expected values by hand from
/// PyTorch's clip_grad_norm_ (see GradientClipping.swift).
@Suite struct GradientClippingTests {
    static func parameters() -> [Parameter] {
        let a = Parameter(name: "a", shape: [1]), b = Parameter(name: "b", shape: [2])
        a.gradient = [3]
        b.gradient = [0, 4]
        return [a, b]
    }

    @Test func aboveTheLimitScalesEveryGradientTogether() {
        let parameters = Self.parameters()
        // coef = 1/(5 + 1e-6) = 0.19999996: (3, 0, 4) -> (0.59999988, 0, 0.79999984)
        #expect(GradientClipping.clip(parameters, maxNorm: 1) == 5)
        #expect(abs(parameters[0].gradient[0] - 0.59999988) < 1e-7)
        #expect(parameters[1].gradient[0] == 0)
        #expect(abs(parameters[1].gradient[1] - 0.79999984) < 1e-7)
        // The new norm is 5·coef = 0.9999998, just under the limit.
        #expect(abs(GradientClipping.globalNorm(parameters) - 0.9999998) < 1e-6)
    }

    @Test func belowTheLimitLeavesTheGradients() {
        let parameters = Self.parameters()
        // coef = 10/5.000001 ≈ 2 > 1: nothing changes.
        #expect(GradientClipping.clip(parameters, maxNorm: 10) == 5)
        #expect(parameters[0].gradient == [3])
        #expect(parameters[1].gradient == [0, 4])
    }

    @Test func zeroGradientsStayZero() {
        let p = Parameter(name: "p", shape: [2])
        // norm 0, coef = 1/1e-6 = 1e6 > 1: untouched, no division by zero.
        #expect(GradientClipping.clip([p], maxNorm: 1) == 0)
        #expect(p.gradient == [0, 0])
    }
}
