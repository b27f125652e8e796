import Foundation
import Testing

/// Small versions of configs/depth/: the activation statistics of deep stacks at epoch 0 (layers.csv, measured on
/// the diagnostic sample, here all 256 examples, before any update), against the variance formulas. Inputs: the teacher source's x ~ N(0, 1),
/// 128 features, so every layer below is 128 x 128 ("square") and the input's variance is 1. One batch of 256
/// examples and one epoch: the epoch-0 rows are what is checked.
@Suite struct DepthExperimentsTests {
    static func stack(repeat count: Int, activation: String, initializers: String) -> String {
        """
        seed: 3
        data: {source: teacher, samples: 256, features: 128, classes: 2}
        model:
          init: {weight: xavier_normal, bias: zeros}
          layers:
            - repeat: \(count)
              name: block
              layers:
                - {name: fc, type: dense, units: 128}
                - {name: act, type: \(activation)}
            - {name: out, type: dense, units: 2}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.001}, epochs: 1, batch_size: 256}
        log: {checkpoints: {init: false, final: false}}
        sweep: {model.init.weight: \(initializers)}
        """
    }

    /// The epoch-0 activation std of block1.act ... blockN.act.
    static func stds(_ run: ExperimentRun, layers: Int) throws -> [Double] {
        try (1...layers).map { k in try #require(try run.layerColumn("activation_std", node: "block\(k).act").first) }
    }

    /// The geometric mean of the ratio of one layer's std to the previous one's, over the stack.
    static func ratioPerLayer(_ stds: [Double]) -> Double {
        guard let first = stds.first, let last = stds.last, stds.count > 1 else { return .nan }
        return Foundation.pow(last / first, 1 / Double(stds.count - 1))
    }

    /// He et al. 2015. A dense layer of n inputs with weights of variance v maps inputs of second moment m to
    /// outputs of variance n·v·m; ReLU keeps half of a symmetric input's second moment, and relu is positively
    /// homogeneous, so each relu output's std is the previous one's times √(n·v/2):
    /// kaiming_normal (v = 2/n) 1, level; xavier_normal on square layers (v = 2/(n+n) = 1/n) √(1/2) ≈ 0.707;
    /// N(0, 0.01²) √(128·10⁻⁴/2) = 0.08. Tolerances allow the finite width's wander (a few % a layer).
    @Test func reluStackScalesBySqrtOfNVOverTwoPerLayer() throws {
        let scratch = try TemporaryDirectory()
        let runs = try ExperimentRuns.run(Self.stack(
            repeat: 10, activation: "relu",
            initializers: "[{type: kaiming_normal, nonlinearity: relu}, xavier_normal, {type: normal, std: 0.01}]"),
            in: scratch)
        #expect(runs.count == 3)
        let he = Self.ratioPerLayer(try Self.stds(runs.one("nonlinearity: relu"), layers: 10))
        let xavier = Self.ratioPerLayer(try Self.stds(runs.one("type: xavier_normal"), layers: 10))
        let small = Self.ratioPerLayer(try Self.stds(runs.one("std: 0.01}"), layers: 10))
        #expect(abs(he - 1) < 0.06, "He: \(he) per layer")
        #expect(abs(xavier - 0.5.squareRoot()) < 0.04, "Xavier: \(xavier) per layer")
        #expect(abs(small - 0.08) < 0.006, "N(0, 0.01): \(small) per layer")
    }

    /// Glorot & Bengio 2010. U(±1/√n) (PyTorch's nn.Linear default, kaiming_uniform with a = √5) has variance
    /// 1/(3n): each layer multiplies its input's variance by 1/3, so consecutive tanh outputs' variances fall about
    /// threefold (a little more where tanh still squashes its input, in the first layers). xavier_uniform on square layers has variance 1/n:
    /// only tanh's squashing shrinks the values, by less than 1.8 in variance per layer here.
    @Test func tanhStackShrinksThreefoldFromTheDefaultAndStaysNearlyLevelFromXavier() throws {
        let scratch = try TemporaryDirectory()
        let runs = try ExperimentRuns.run(Self.stack(
            repeat: 5, activation: "tanh",
            initializers: "[{type: kaiming_uniform, nonlinearity: leaky_relu, negative_slope: 2.23606797749979}, xavier_uniform]"),
            in: scratch)
        let pytorch = try Self.stds(runs.one("negative_slope: 2.23606797749979"), layers: 5)
        let xavier = try Self.stds(runs.one("type: xavier_uniform"), layers: 5)
        let fallOfDefault = zip(pytorch, pytorch.dropFirst()).map { ($0 / $1) * ($0 / $1) }
        let fallOfXavier = zip(xavier, xavier.dropFirst()).map { ($0 / $1) * ($0 / $1) }
        #expect(fallOfDefault.allSatisfy { $0 > 2.6 && $0 < 3.8 }, "U(±1/√n): variance falls \(fallOfDefault)")
        #expect(fallOfXavier.allSatisfy { $0 > 1 && $0 < 1.8 }, "Xavier: variance falls \(fallOfXavier)")
        #expect((xavier.last ?? 0) > 0.45 * (xavier.first ?? 0) && (pytorch.last ?? 1) < 0.15 * (pytorch.first ?? 0))
    }
}
