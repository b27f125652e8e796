import Foundation
import Testing

/// Small versions of configs/symmetry/ (xor instead of the spirals, so that a debug build runs them in seconds),
/// run with the built binary; the expected outcomes are reasoned out below, not read from earlier runs.
///
/// The accuracy bound of a layer of identical units: if every unit of each hidden layer computes the same
/// function, the first layer's units are all tanh(w·x + b) and every later value is a monotone function of that
/// one number, so the predicted class is decided by a threshold on w·x: a half-plane. The xor data are four tight
/// clusters (noise 0.1 around (±1, ±1), 50 points each) whose opposite corners share a class; a half-plane holds at
/// most three of the four corners on their right side, so such a network classifies at most 75% of the points
/// (plus the odd noisy point: the tests allow 78%). A network of distinct units can reach 100%.
@Suite struct SymmetryExperimentsTests {
    static let singleUnitBound = 0.78

    static func xorConfig(init initBlock: String, layers: String, train: String, log: String = "{every: 10}",
                          sweep: String = "") -> String {
        """
        seed: 1
        data: {source: xor, samples: 200, noise: 0.1}
        model:
          init: \(initBlock)
          layers:
        \(layers)
        train: \(train)
        log: \(log)
        \(sweep)
        """
    }

    static let twoHidden = """
            - {name: hidden1, type: dense, units: 8}
            - tanh
            - {name: hidden2, type: dense, units: 8}
            - tanh
            - {name: out, type: dense, units: 2}
        """

    /// One hidden layer of 8 tanh units (`between`: nodes after the tanh, before the output).
    static func oneHidden(between: String = "") -> String {
        """
                - {name: hidden, type: dense, units: 8}
                - tanh
        \(between.isEmpty ? "" : "        \(between)\n")        - {name: out, type: dense, units: 2}
        """
    }

    /// init-sweep: a constant start keeps one distinct unit per layer in every logged row and stays under the
    /// single-unit bound; Xavier and a random normal keep all 8 and learn.
    @Test func identicalStartsStayOneUnitRandomStartsLearn() throws {
        let scratch = try TemporaryDirectory()
        let runs = try ExperimentRuns.run(Self.xorConfig(
            init: "{weight: xavier_uniform, bias: zeros}", layers: Self.twoHidden,
            train: "{loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 60, batch_size: 16}",
            sweep: "sweep: {model.init.weight: [{type: constant, value: 0.5}, {type: xavier_uniform, gain: 1.6666666666666667}, {type: normal, std: 0.5}]}"),
            in: scratch)
        #expect(runs.count == 3)
        let constant = try runs.one("{type: constant, value: 0.5}")
        for node in ["hidden1", "hidden2"] {
            // epoch 0, 10, ..., 60: 7 logged epochs.
            #expect(try constant.layerColumn("distinct_units", node: node) == Array(repeating: 1, count: 7))
        }
        #expect(try constant.metrics().column("train_accuracy").allSatisfy { $0 <= Self.singleUnitBound })
        for random in [try runs.one("type: xavier_uniform"), try runs.one("std: 0.5")] {
            for node in ["hidden1", "hidden2"] {
                #expect(try random.layerColumn("distinct_units", node: node) == Array(repeating: 8, count: 7))
            }
            #expect((try random.metrics().column("train_accuracy").last ?? 0) >= 0.95)
        }
    }

    /// zeros-activations: all-zero weights and biases. tanh(0) = relu(0) = 0, so the output weights get the
    /// gradient dyᵀh = 0 and pass back dy·W_out = 0: the hidden layer's gradient is exactly 0 in every row, its
    /// weights stay 0, and the prediction is one class for all points: exactly 50% on the balanced data. sigmoid(0)
    /// = 1/2 lets the output weights learn, so gradient reaches the hidden layer after the first step, but the
    /// same for every unit: one distinct unit throughout.
    @Test func zeroStartGetsNoGradientUnderTanhAndReluTheSameUnderSigmoid() throws {
        let scratch = try TemporaryDirectory()
        let runs = try ExperimentRuns.run(Self.xorConfig(
            init: "{weight: zeros, bias: zeros}",
            layers: """
                    - {name: hidden, type: dense, units: 8}
                    - {name: act, type: tanh}
                    - {name: out, type: dense, units: 2}
                """,
            train: "{loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 20, batch_size: 16}",
            log: "{every: 5}", sweep: "sweep: {model.layers.act.type: [tanh, relu, sigmoid]}"),
            in: scratch)
        #expect(runs.count == 3)
        for name in ["tanh", "relu"] {
            let run = try runs.one("type: \(name)")
            #expect(try run.layerColumn("grad_norm", node: "hidden") == Array(repeating: 0, count: 5), "\(name)")
            #expect(try run.layerColumn("weight_norm", node: "hidden") == Array(repeating: 0, count: 5), "\(name)")
            #expect(try run.layerColumn("distinct_units", node: "hidden") == Array(repeating: 1, count: 5), "\(name)")
            #expect(try run.metrics().column("train_accuracy") == Array(repeating: 0.5, count: 5), "\(name)")
        }
        let sigmoid = try runs.one("type: sigmoid")
        let gradients = try sigmoid.layerColumn("grad_norm", node: "hidden")
        #expect(gradients.first == 0 && gradients.dropFirst().allSatisfy { $0 > 0 })
        #expect(try sigmoid.layerColumn("distinct_units", node: "hidden") == Array(repeating: 1, count: 5))
        #expect(try sigmoid.metrics().column("train_accuracy").allSatisfy { $0 <= Self.singleUnitBound })
    }

    /// zero-weights-random-biases, the outcome: the units differ by their biases from epoch 0 (distinct 8 while
    /// the weight norm is 0), and the network learns past the single-unit bound.
    @Test func randomBiasesBreakTheSymmetryOfZeroWeights() throws {
        let scratch = try TemporaryDirectory()
        let runs = try ExperimentRuns.run(Self.xorConfig(
            init: "{weight: zeros, bias: {type: uniform, low: -1, high: 1}}",
            layers: Self.oneHidden(),
            train: "{loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 40, batch_size: 16}"),
            in: scratch)
        let run = try #require(runs.first)
        #expect(try run.layerColumn("weight_norm", node: "hidden").first == 0)
        #expect(try run.layerColumn("distinct_units", node: "hidden") == Array(repeating: 8, count: 5))
        #expect((try run.metrics().column("train_accuracy").last ?? 0) >= 0.95)
    }

    /// zero-weights-random-biases, the mechanism (plain SGD, a checkpoint every epoch). With the whole training set
    /// as one batch, the first step's gradient into the hidden layer passes through the output weights, which are
    /// still 0: after epoch 1 (one step) the hidden weights are exactly 0. With batches of 16, the output weights'
    /// columns are multiples of tanh(b_i) as long as the hidden weights are 0, so the hidden layer's first update
    /// gives every unit's row the same direction: a weight matrix of rank 1 (second singular value ≈ 0); only
    /// later do the rows turn apart.
    @Test func zeroWeightsFirstMoveAlongOneDirection() throws {
        let scratch = try TemporaryDirectory()
        let runs = try ExperimentRuns.run(Self.xorConfig(
            init: "{weight: zeros, bias: {type: uniform, low: -1, high: 1}}",
            layers: Self.oneHidden(),
            train: "{loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 3, batch_size: 16}",
            log: "{every: 1, checkpoints: {every: 1}}", sweep: "sweep: {train.batch_size: [200, 16]}"),
            in: scratch)
        let fullBatch = try runs.one("batch_size: 200")
        #expect(try fullBatch.tensors("epoch-1").floats("hidden.weight") == Array(repeating: 0, count: 16))
        let minibatch = try runs.one("batch_size: 16")
        let first = Self.singularValueRatio(try minibatch.tensors("epoch-1").floats("hidden.weight"))
        let third = Self.singularValueRatio(try minibatch.tensors("epoch-3").floats("hidden.weight"))
        #expect(first < 1e-3, "epoch 1: σ2/σ1 = \(first)")
        #expect(third > 10 * first && third > 1e-3, "epoch 3: σ2/σ1 = \(third), epoch 1: \(first)")
    }

    /// σ2/σ1 of an [8, 2] matrix, from the eigenvalues of its 2 x 2 Gram matrix WᵀW (0 for a zero matrix).
    static func singularValueRatio(_ w: [Float]) -> Double {
        var a = 0.0, b = 0.0, c = 0.0
        for row in 0..<(w.count / 2) {
            let x = Double(w[2 * row]), y = Double(w[2 * row + 1])
            a += x * x; b += x * y; c += y * y
        }
        let mean = (a + c) / 2, spread = (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
        let large = mean + spread, small = max(mean - spread, 0)
        return large > 0 ? (small / large).squareRoot() : 0
    }

    /// constant-dropout: the masks break the tie during training: one distinct unit at epoch 0, all 8 after.
    @Test func dropoutSeparatesConstantUnits() throws {
        let scratch = try TemporaryDirectory()
        let runs = try ExperimentRuns.run(Self.xorConfig(
            init: "{weight: {type: constant, value: 0.5}, bias: zeros}",
            layers: Self.oneHidden(between: "- {type: dropout, rate: 0.2}"),
            train: "{loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 20, batch_size: 16}",
            log: "{every: 5}"), in: scratch)
        let run = try #require(runs.first)
        #expect(try run.layerColumn("distinct_units", node: "hidden") == [1, 8, 8, 8, 8])
    }

    /// seed-reuse: one seeded initializer for two parallel branches of one shape summed by an add: identical at
    /// the start and, receiving the same gradient, identical at the end, bit for bit, with equal layers.csv rows.
    /// The layer stacked after them starts equal too but drifts apart. Without the seed nothing is equal.
    @Test func reusedSeedKeepsParallelBranchesIdentical() throws {
        let scratch = try TemporaryDirectory()
        let runs = try ExperimentRuns.run(Self.xorConfig(
            init: "{weight: xavier_uniform, bias: zeros}",
            layers: """
                    - {name: stem, type: dense, units: 8}
                    - {name: stem_act, type: tanh}
                    - {name: branch_a, type: dense, units: 8, inputs: [stem_act]}
                    - {name: act_a, type: tanh}
                    - {name: branch_b, type: dense, units: 8, inputs: [stem_act]}
                    - {name: act_b, type: tanh}
                    - {name: sum, type: add, inputs: [act_a, act_b]}
                    - {name: mix, type: dense, units: 8}
                    - tanh
                    - {name: out, type: dense, units: 2}
                """,
            train: "{loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 10, batch_size: 16}",
            log: "{every: 5}",
            sweep: "sweep: {model.init.weight: [{type: xavier_uniform, seed: 1}, xavier_uniform]}"),
            in: scratch)
        #expect(runs.count == 2)
        let shared = try runs.one("seed: 1}")
        let independent = try #require(runs.first { !$0.config.contains("seed: 1}") })
        let start = try shared.tensors("init"), end = try shared.tensors("final")
        #expect(start.floats("branch_a.weight").count == 64)
        #expect(start.bytes["branch_a.weight"] == start.bytes["branch_b.weight"])
        #expect(start.bytes["mix.weight"] == start.bytes["branch_a.weight"])
        #expect(end.bytes["branch_a.weight"] == end.bytes["branch_b.weight"])
        #expect(end.bytes["branch_a.bias"] == end.bytes["branch_b.bias"])
        #expect(end.bytes["mix.weight"] != end.bytes["branch_a.weight"])
        #expect(try shared.layerRows(node: "branch_a") == shared.layerRows(node: "branch_b"))
        let other = try independent.tensors("init")
        #expect(other.bytes["branch_a.weight"] != other.bytes["branch_b.weight"])
        #expect(other.bytes["mix.weight"] != other.bytes["branch_a.weight"])
    }
}
