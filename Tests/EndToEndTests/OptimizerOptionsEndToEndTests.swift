import Foundation
import Testing

/// Each optimizer option, from the config file to the engine: a linear layer (2 inputs, 1 output, mse) trained two
/// full-batch steps on two examples by the built binary, its final.safetensors compared with PyTorch's update rules
/// computed here (`ReferenceOptimizer`) from its init.safetensors. Options come in pairs (on and off), and each case
/// first checks that its partner's formula ends elsewhere, so that dropping or mismapping the option fails a case.
@Suite struct OptimizerOptionsEndToEndTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The `train.optimizer` value of the config.
        var config: String
        var reference: ReferenceOptimizer
        /// The same optimizer with the option the other way (or the other weight decay).
        var partner: ReferenceOptimizer
        var testDescription: String { name }
    }

    /// Chosen so that each option changes the first two steps by far more than float32 rounding: momentum 0.9 makes
    /// nesterov's look-ahead large; weight decay 0.5 at lr 0.1 makes decoupled and L2 decay part; beta2 0.5 at lr 0.3
    /// makes the second gradient small enough (under √0.5 of the first) that v falls, the only case where amsgrad's
    /// running maximum matters; alpha 0.5 makes the centered denominator √(v − ḡ²) = √0.25·|g| after one step,
    /// against √0.5·|g| plain.
    static let cases: [Case] = [
        Case(name: "sgd nesterov", config: "{type: sgd, lr: 0.1, momentum: 0.9, nesterov: true}",
             reference: .sgd(lr: 0.1, momentum: 0.9, nesterov: true), partner: .sgd(lr: 0.1, momentum: 0.9, nesterov: false)),
        Case(name: "sgd momentum", config: "{type: sgd, lr: 0.1, momentum: 0.9}",
             reference: .sgd(lr: 0.1, momentum: 0.9, nesterov: false), partner: .sgd(lr: 0.1, momentum: 0.9, nesterov: true)),
        Case(name: "adamw decoupled decay", config: "{type: adamw, lr: 0.1, weight_decay: 0.5}",
             reference: .adam(lr: 0.1, weightDecay: 0.5, decoupled: true), partner: .adam(lr: 0.1, weightDecay: 0.5)),
        Case(name: "adam L2 decay", config: "{type: adam, lr: 0.1, weight_decay: 0.5}",
             reference: .adam(lr: 0.1, weightDecay: 0.5), partner: .adam(lr: 0.1, weightDecay: 0.5, decoupled: true)),
        Case(name: "adam amsgrad", config: "{type: adam, lr: 0.3, beta2: 0.5, amsgrad: true}",
             reference: .adam(lr: 0.3, beta2: 0.5, amsgrad: true), partner: .adam(lr: 0.3, beta2: 0.5)),
        Case(name: "adam without amsgrad", config: "{type: adam, lr: 0.3, beta2: 0.5}",
             reference: .adam(lr: 0.3, beta2: 0.5), partner: .adam(lr: 0.3, beta2: 0.5, amsgrad: true)),
        Case(name: "rmsprop centered", config: "{type: rmsprop, lr: 0.01, alpha: 0.5, centered: true}",
             reference: .rmsprop(lr: 0.01, alpha: 0.5, centered: true), partner: .rmsprop(lr: 0.01, alpha: 0.5, centered: false)),
        Case(name: "rmsprop plain", config: "{type: rmsprop, lr: 0.01, alpha: 0.5}",
             reference: .rmsprop(lr: 0.01, alpha: 0.5, centered: false), partner: .rmsprop(lr: 0.01, alpha: 0.5, centered: true)),
    ]

    /// Two examples, targets that are not whole numbers (so the csv target is a regression value).
    static let problem = LinearRegression(inputs: [[1.0, 2.0], [-1.0, 0.5]], targets: [0.5, -1.5])

    static func config(optimizer: String) -> String {
        """
        name: options
        data: {source: csv, path: points.csv, target: y, shuffle: false}
        model:
          init: {weight: {type: constant, value: 0.5}, bias: zeros}
          layers: [{name: out, type: dense, units: 1}]
        train:
          loss: mse
          optimizer: \(optimizer)
          epochs: 2
          batch_size: 2
        log: {checkpoints: {init: true, final: true}}
        """
    }

    @Test(arguments: cases)
    func finalParametersFollowPyTorchsUpdate(_ test: Case) throws {
        let scratch = try TemporaryDirectory()
        let rows = zip(Self.problem.inputs, Self.problem.targets).map { "\($0[0]),\($0[1]),\($1)" }
        try scratch.write("points.csv", "x1,x2,y\n" + rows.joined(separator: "\n") + "\n")
        let run = try #require(try ExperimentRuns.run(Self.config(optimizer: test.config), in: scratch).first)
        func parameters(_ checkpoint: String) throws -> [Double] {
            let tensors = try run.tensors(checkpoint)
            return (tensors.floats("out.weight") + tensors.floats("out.bias")).map(Double.init)
        }
        let start = try parameters("init")
        #expect(start == [0.5, 0.5, 0])
        let expected = Self.problem.train(from: start, steps: 2, test.reference)
        let partner = Self.problem.train(from: start, steps: 2, test.partner)
        let separation = zip(expected, partner).map { abs($0 - $1) }.max() ?? 0
        #expect(separation > 1e-3, "the option barely matters here: \(expected) vs \(partner)")
        let final = try parameters("final")
        #expect(final.count == expected.count)
        for (actual, wanted) in zip(final, expected) {
            // float32 arithmetic over two steps: a few ulps of values near 1.
            #expect(abs(actual - wanted) <= 1e-5 * max(1, abs(wanted)), "final \(final), expected \(expected)")
        }
    }
}
