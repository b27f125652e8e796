import Foundation
import Testing

/// kaiming's `mode: fan_out` from the config to the drawn weights: a wide layer of 2 inputs and 512 units, whose
/// weight [512, 2] has fan_in = 2 and fan_out = 512, so the two modes differ 256-fold in variance. With relu's gain
/// √2, PyTorch's kaiming_uniform draws U(±gain·√(3/fan)) (variance gain²/fan) and kaiming_normal N(0, gain²/fan):
/// with fan_out every weight lies within √6/√512 ≈ 0.108 (with fan_in the bound is 1.73) and the variance is
/// 2/512 ≈ 0.0039 (with fan_in 1.0). The weights are read from the run's init.safetensors.
@Suite struct KaimingFanOutEndToEndTests {
    static let fanIn = 2, fanOut = 512

    static func config(weight: String) -> String {
        """
        name: fan-out
        data: {source: xor, samples: 16}
        model:
          layers:
            - {name: wide, type: dense, units: \(fanOut), weight_init: \(weight)}
            - relu
            - {name: out, type: dense, units: 2}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1, batch_size: 16}
        """
    }

    @Test(arguments: ["kaiming_uniform", "kaiming_normal"])
    func weightsFollowFanOut(_ scheme: String) throws {
        let scratch = try TemporaryDirectory()
        let weight = "{type: \(scheme), mode: fan_out, nonlinearity: relu}"
        let run = try #require(try ExperimentRuns.run(Self.config(weight: weight), in: scratch).first)
        let tensors = try run.tensors("init")
        #expect(tensors.shapes["wide.weight"] == [Self.fanOut, Self.fanIn])
        let w = tensors.floats("wide.weight").map(Double.init)
        #expect(w.count == Self.fanIn * Self.fanOut)
        let gain = 2.0.squareRoot()
        let variance = gain * gain / Double(Self.fanOut)
        let mean = w.reduce(0, +) / Double(w.count)
        let sampleVariance = w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w.count - 1)
        // 1024 draws: the sample variance is within a few percent of the true one (its relative standard error is
        // √(2/n) ≈ 4.4% for a normal, less for a uniform); 20% is far from fan_in's 256-fold larger variance.
        #expect(abs(sampleVariance / variance - 1) < 0.2, "variance \(sampleVariance), fan_out predicts \(variance)")
        if scheme == "kaiming_uniform" {
            let bound = gain * (3.0 / Double(Self.fanOut)).squareRoot()
            #expect(w.allSatisfy { abs($0) <= bound * (1 + 1e-6) }, "largest \(w.map(abs).max() ?? 0), bound \(bound)")
        }
    }
}
