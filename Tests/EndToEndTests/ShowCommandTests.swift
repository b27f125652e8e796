import Foundation
import Testing

/// `sprout show`: the resolved config is a config describing the same experiment, and the tables carry the
/// numbers training starts from.
@Suite struct ShowCommandTests {
    @Test func resolvedConfigReadsBackToItself() throws {
        let scratch = try TemporaryDirectory()
        let xor = SproutBinary.packageRoot.appendingPathComponent("configs/xor.yaml").path
        let first = try SproutBinary.run(["show", xor])
        #expect(first.status == 0, "\(first.stderr)")
        let resolved = try scratch.write("resolved.yaml", first.stdout)
        let second = try SproutBinary.run(["show", resolved])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == first.stdout)
        let validate = try SproutBinary.run(["validate", "--strict", resolved])
        #expect(validate.status == 0, "\(validate.stderr)")
    }

    @Test func defaultsAreWrittenOut() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("minimal.yaml", """
            data: {source: xor}
            model: {layers: [{type: dense, units: 3, weight_init: he_normal}, relu, {type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.5}, epochs: 4}

            """)
        let result = try SproutBinary.run(["show", file])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // Defaults from docs/config.md: seed 0, 200 samples, noise 0.1, batch 32, log every epoch, PyTorch's SGD.
        for expected in ["name: minimal", "seed: 0", "  samples: 200", "  noise: 0.1", "  batch_size: 32", "  every: 1",
                         "  optimizer: {type: sgd, lr: 0.5, momentum: 0.0, nesterov: false, weight_decay: 0.0}",
                         // he_normal is shown by its canonical name and parameters.
                         "    - {name: dense1, type: dense, units: 3, bias: true, weight_init: {type: kaiming_normal, mode: fan_in, nonlinearity: relu}, bias_init: zeros}",
                         "    - {name: relu1, type: relu, inputs: [dense1]}"] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
    }

    /// xor: 2 inputs, hidden 8, out 2. Parameters by hand: 2·8 + 8 = 24 and 8·2 + 2 = 18, total 42; each node's
    /// output shape is flat, [8] and [2].
    /// xavier_uniform with fans 2 and 8 (and 8 and 2): bound √(6/10) = 0.774597, std bound/√3 = 0.447214.
    @Test func tablesShowCountsAndDistributions() throws {
        let xor = SproutBinary.packageRoot.appendingPathComponent("configs/xor.yaml").path
        let result = try SproutBinary.run(["show", xor])
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("# ") }
            .map { $0.dropFirst(2).split(separator: " ").map(String.init) }
        #expect(rows.contains(["node", "type", "inputs", "shape", "parameters"]))
        #expect(rows.contains(["hidden", "dense", "(data)", "[8]", "24"]))
        #expect(rows.contains(["tanh1", "tanh", "hidden", "[8]", "0"]))
        #expect(rows.contains(["out", "dense", "tanh1", "[2]", "18"]))
        #expect(rows.contains(["total", "42"]))
        #expect(rows.contains(["hidden.weight", "[8,", "2]", "xavier_uniform", "2", "8", "U(-0.7746,", "0.7746),", "std", "0.4472"]))
        #expect(rows.contains(["out.bias", "[2]", "zeros", "8", "2", "constant", "0"]))
    }

    /// A seeded initializer is written back with its seed and marked in the table; the resolved config reads back
    /// to itself. N(0, 0.5²) and he_normal on 2 inputs, N(0, √(2/2) = 1), as the formulas say.
    @Test func seededInitializersShowTheirSeed() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("seeded.yaml", """
            data: {source: xor}
            model:
              init: {weight: {type: normal, std: 0.5, seed: 3}}
              layers: [{name: h, type: dense, units: 3, weight_init: {type: he_normal, seed: 4}}, relu, {name: out, type: dense, units: 2}]
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.5}, epochs: 4}

            """)
        let result = try SproutBinary.run(["show", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("weight: {type: normal, mean: 0.0, std: 0.5, seed: 3}"))
        #expect(result.stdout.contains("weight_init: {type: kaiming_normal, mode: fan_in, nonlinearity: relu, seed: 4}"))
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("# ") }
            .map { $0.dropFirst(2).split(separator: " ").map(String.init) }
        #expect(rows.contains(["h.weight", "[3,", "2]", "kaiming_normal", "2", "3", "N(0,", "std", "1),", "seed", "4", "(shared", "stream)"]))
        #expect(rows.contains(["out.weight", "[2,", "3]", "normal", "3", "2", "N(0,", "std", "0.5),", "seed", "3", "(shared", "stream)"]))
        #expect(rows.contains(["h.bias", "[3]", "zeros", "2", "3", "constant", "0"]))
        let resolved = try scratch.write("resolved.yaml", result.stdout)
        let again = try SproutBinary.run(["show", resolved])
        #expect(again.stdout == result.stdout)
    }

    /// A small convolutional network on the digits as [1, 8, 8] images; every number by hand.
    ///   conv  3x3, 4 filters, padding 1: (8 + 2 - 2 - 1) / 1 + 1 = 8 -> [4, 8, 8]; 4 · 1 · 9 + 4 = 40
    ///   bn    batch_norm on an image: per channel, 2 · 4 = 8
    ///   relu1 [4, 8, 8], 0; pool 2x2 (stride 2): (8 - 2) / 2 + 1 = 4 -> [4, 4, 4], 0
    ///   dw    [3, 1], 8 filters, groups 4, no bias: height 4 - 3 + 1 = 2, width 4 -> [8, 2, 4];
    ///         weight [8, 4/4 = 1, 3, 1] = 24
    ///   flat  8 · 2 · 4 = 64; out 10 · 64 + 10 = 650; total 40 + 8 + 24 + 650 = 722
    /// Fans (PyTorch's): conv.weight fan_in 1 · 9 = 9, fan_out 4 · 9 = 36; dw.weight fan_in 1 · 3 = 3, fan_out
    /// 8 · 3 = 24; out.weight 64 and 10. The default kaiming_uniform with slope √5 has gain √(2 / (1 + 5)) = √(1/3)
    /// and bound gain · √(3 / fan_in) = 1 / √fan_in: 1/3 (std 1/(3√3) = 0.19245), 1/√3 = 0.57735 (std 1/3), 1/8
    /// (std 0.125/√3 = 0.0721688).
    @Test func tablesShowImageShapesAndConvolutionFans() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("conv.yaml", """
            data: {source: digits, shape: [1, 8, 8]}
            model:
              layers:
                - {name: conv, type: conv2d, filters: 4, kernel_size: 3, padding: 1}
                - {name: bn, type: batch_norm}
                - relu
                - {name: pool, type: max_pool2d, kernel_size: 2}
                - {name: dw, type: conv2d, filters: 8, kernel_size: [3, 1], groups: 4, bias: false}
                - {name: flat, type: flatten}
                - {name: out, type: dense, units: 10}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """)
        let result = try SproutBinary.run(["show", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\n  shape: [1, 8, 8]\n"))
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("# ") }
            .map { $0.dropFirst(2).split(separator: " ").map(String.init) }
        let nodes = [
            ["conv", "conv2d", "(data)", "[4,", "8,", "8]", "40"],
            ["bn", "batch_norm", "conv", "[4,", "8,", "8]", "8"],
            ["relu1", "relu", "bn", "[4,", "8,", "8]", "0"],
            ["pool", "max_pool2d", "relu1", "[4,", "4,", "4]", "0"],
            ["dw", "conv2d", "pool", "[8,", "2,", "4]", "24"],
            ["flat", "flatten", "dw", "[64]", "0"],
            ["out", "dense", "flat", "[10]", "650"],
            ["total", "722"],
        ]
        let tensors = [
            ["conv.weight", "[4,", "1,", "3,", "3]", "kaiming_uniform", "9", "36", "U(-0.3333,", "0.3333),", "std", "0.1925"],
            ["conv.bias", "[4]", "zeros", "9", "36", "constant", "0"],
            ["bn.weight", "[4]", "ones", "4", "4", "constant", "1"],
            ["bn.bias", "[4]", "zeros", "4", "4", "constant", "0"],
            ["dw.weight", "[8,", "1,", "3,", "1]", "kaiming_uniform", "3", "24", "U(-0.5774,", "0.5774),", "std", "0.3333"],
            ["out.weight", "[10,", "64]", "kaiming_uniform", "64", "10", "U(-0.125,", "0.125),", "std", "0.07217"],
            ["out.bias", "[10]", "zeros", "64", "10", "constant", "0"],
        ]
        for row in nodes + tensors { #expect(rows.contains(row), "missing: \(row)") }
        // No tensor row for dw.bias (bias: false), nor for the nodes without parameters.
        #expect(!rows.contains { $0.first == "dw.bias" || $0.first == "pool.weight" || $0.first == "flat.weight" })
        let resolved = try scratch.write("resolved.yaml", result.stdout)
        let again = try SproutBinary.run(["show", resolved])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == result.stdout)
    }

    @Test func invalidConfigExitsOne() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("bad.yaml", "data: {source: xor}\n")
        let result = try SproutBinary.run(["show", file])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("error: the config is missing the required key 'model' [missing-key]"))
    }
}
