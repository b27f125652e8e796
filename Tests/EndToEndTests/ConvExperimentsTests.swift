import Foundation
import Testing

/// configs/digits-conv.yaml and configs/symmetry/conv-*.yaml run by the built binary, the outcomes reasoned out
/// here rather than read from earlier runs. The symmetry configs run 5 of their 20 epochs (an override): what they
/// show holds at every logged epoch.
@Suite struct ConvExperimentsTests {
    static func run(_ name: String, overrides: [String] = [], in scratch: TemporaryDirectory) throws -> ExperimentRun {
        let config = SproutBinary.packageRoot.appendingPathComponent("configs/\(name).yaml").path
        let out = scratch.url.appendingPathComponent("out")
        let result = try SproutBinary.run(["run", config] + overrides + ["--out", out.path, "--quiet"], timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let runs = ExperimentRuns.find(under: out)
        #expect(runs.count == 1, "\(runs.map(\.directory.path))")
        return try #require(runs.first)
    }

    /// The bar: at least 98% of the held-out fifth of the digits after the configured 30 epochs. Its 16
    /// first-layer filters start random (PyTorch's default) and stay 16 distinct filters.
    @Test func digitsConvReaches98PercentHeldOut() throws {
        let scratch = try TemporaryDirectory()
        let run = try Self.run("digits-conv", in: scratch)
        let accuracy = try run.metrics().column("val_accuracy")
        #expect(accuracy.count == 7)  // epochs 0, 5, ..., 30
        #expect((accuracy.last ?? 0) >= 0.98, "val_accuracy \(accuracy)")
        #expect(try run.layerColumn("distinct_units", node: "conv1") == Array(repeating: 16, count: 7))
        #expect(try run.layerColumn("distinct_units", node: "conv2") == Array(repeating: 32, count: 7))
    }

    /// All-zero weights and biases: tanh(0) = 0 at every position, so the output weights get dyᵀh = 0 and pass back
    /// dy·W = 0. Not one number of gradient reaches the filters (grad_norm 0), they stay zero (weight_norm 0) and
    /// identical (one distinct filter), and the network predicts one class for every image: at most the largest
    /// class's share of the held-out images (the digits' ten classes hold 174 to 183 images of 1797 each, about
    /// 10%; stratified, the held-out share is the same within one image: ≤ 0.11).
    @Test func zeroFiltersGetNoGradient() throws {
        let scratch = try TemporaryDirectory()
        let run = try Self.run("symmetry/conv-zeros", overrides: ["train.epochs=5", "log.every=1"], in: scratch)
        #expect(try run.layerColumn("distinct_units", node: "conv") == Array(repeating: 1, count: 6))
        #expect(try run.layerColumn("grad_norm", node: "conv") == Array(repeating: 0, count: 6))
        #expect(try run.layerColumn("weight_norm", node: "conv") == Array(repeating: 0, count: 6))
        let accuracy = try run.metrics().column("val_accuracy")
        #expect(accuracy.count == 6 && accuracy.allSatisfy { $0 <= 0.11 }, "\(accuracy)")
    }

    /// A constant start with a zero output layer: the filters move (their norm changes from the starting 8 · 9 ·
    /// 0.1² under the square root, 0.8485), but identically: one distinct filter in every logged row.
    @Test func constantFiltersMoveAsOne() throws {
        let scratch = try TemporaryDirectory()
        let run = try Self.run("symmetry/conv-constant", overrides: ["train.epochs=5", "log.every=1"], in: scratch)
        #expect(try run.layerColumn("distinct_units", node: "conv") == Array(repeating: 1, count: 6))
        let norms = try run.layerColumn("weight_norm", node: "conv")
        #expect(abs((norms.first ?? 0) - (8 * 9 * 0.01).squareRoot()) < 1e-6)
        #expect(abs((norms.last ?? 0) - (norms.first ?? 0)) > 0.01, "\(norms)")
    }

    /// The random start: 8 filters drawn independently stay 8 distinct filters, and the network learns (well above
    /// the one-filter network of conv-constant: over 90% of the held-out images after 5 epochs).
    @Test func randomFiltersStayDistinctAndLearn() throws {
        let scratch = try TemporaryDirectory()
        let run = try Self.run("symmetry/conv-random", overrides: ["train.epochs=5", "log.every=1"], in: scratch)
        #expect(try run.layerColumn("distinct_units", node: "conv") == Array(repeating: 8, count: 6))
        #expect((try run.metrics().column("val_accuracy").last ?? 0) > 0.9)
    }
}
