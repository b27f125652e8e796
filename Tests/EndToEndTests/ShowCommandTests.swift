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

    /// xor: 2 inputs, hidden 8, out 2. Parameters by hand: 2·8 + 8 = 24 and 8·2 + 2 = 18, total 42.
    /// xavier_uniform with fans 2 and 8 (and 8 and 2): bound √(6/10) = 0.774597, std bound/√3 = 0.447214.
    @Test func tablesShowCountsAndDistributions() throws {
        let xor = SproutBinary.packageRoot.appendingPathComponent("configs/xor.yaml").path
        let result = try SproutBinary.run(["show", xor])
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("# ") }
            .map { $0.dropFirst(2).split(separator: " ").map(String.init) }
        #expect(rows.contains(["hidden", "dense", "(data)", "8", "24"]))
        #expect(rows.contains(["tanh1", "tanh", "hidden", "8", "0"]))
        #expect(rows.contains(["out", "dense", "tanh1", "2", "18"]))
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

    @Test func invalidConfigExitsOne() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("bad.yaml", "data: {source: xor}\n")
        let result = try SproutBinary.run(["show", file])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("error: the config is missing the required key 'model' [missing-key]"))
    }
}
