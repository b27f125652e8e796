import SproutConfig

import Testing

/// `sprout summarize`'s weight_init cell: the canonical name and every parameter, written by hand here.
@Suite struct InitializerLabelTests {
    @Test func namesCarryEveryParameter() {
        let cases: [(InitializerSpec, String)] = [
            (.zeros, "zeros"),
            (.constant(value: 0.5), "constant(0.5)"),
            (.normal(mean: 0, std: 0.01), "normal(0, 0.01)"),
            (.xavierUniform(gain: 1), "xavier_uniform(1)"),
            (.kaimingNormal(mode: .fanIn, nonlinearity: .relu, negativeSlope: 0), "kaiming_normal(fan_in, relu)"),
            // PyTorch's nn.Linear default: leaky_relu with slope √5 = 2.2360679...
            (ModelSpec.defaultWeightInit, "kaiming_uniform(fan_in, leaky_relu, 2.236)"),
            (.truncatedNormal(mean: 0, std: 0.02, a: -0.04, b: 0.04), "truncated_normal(0, 0.02, -0.04, 0.04)"),
            (.varianceScaling(scale: 2, mode: .fanAvg, distribution: .uniform), "variance_scaling(2, fan_avg, uniform)"),
            (.seeded(.normal(mean: 0, std: 0.1), seed: 1), "normal(0, 0.1) seed 1"),
        ]
        for (spec, expected) in cases {
            #expect(spec.label == expected)
        }
    }
}
