import Foundation
import Testing

/// The model language through the built binary: validate accepts the new nodes and a repeat block, show writes a
/// resolved config that reads back to itself, and run refuses what the engine lacks before writing anything.
@Suite struct ModelLanguageEndToEndTests {
    static let config = """
        data: {source: xor}
        model:
          layers:
            - {name: stem, type: dense, units: 8}
            - gelu
            - {repeat: 2, name: block, layers: [{type: dense, units: 8}, layer_norm, relu, dropout]}
            - {name: skip, type: add, inputs: [gelu1, block2.dropout1]}
            - {name: both, type: concat, inputs: [skip, stem]}
            - {name: out, type: dense, units: 2}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 2}

        """

    @Test func validateAcceptsTheNewNodes() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("graph.yaml", Self.config)
        let result = try SproutBinary.run(["validate", "--strict", file])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func showIsIdempotent() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("graph.yaml", Self.config)
        let first = try SproutBinary.run(["show", file])
        #expect(first.status == 0, "\(first.stderr)")
        // The block stays a block; concat is 8 + 8 = 16 wide; out reads 16: 16·2 + 2 = 34 parameters. The table's
        // shape column writes flat shapes as [width].
        #expect(first.stdout.contains("    - repeat: 2\n      name: block\n      layers:\n"))
        let rows = first.stdout.split(separator: "\n").filter { $0.hasPrefix("# ") }
            .map { $0.dropFirst(2).split(separator: " ").map(String.init) }
        #expect(rows.contains(["both", "concat", "skip,", "stem", "[16]", "0"]))
        #expect(rows.contains(["block2.layer_norm1", "layer_norm", "block2.dense1", "[8]", "16"]))
        #expect(rows.contains(["out", "dense", "both", "[2]", "34"]))
        let resolved = try scratch.write("graph-resolved.yaml", first.stdout)
        let second = try SproutBinary.run(["show", resolved])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == first.stdout)
    }

    /// Every node and every initializer runs, with diagnostics: layers.csv names every executed node.
    @Test func runWritesLayersForEveryNode() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("graph.yaml", Self.config + "log: {layers: true}\n")
        let runs = scratch.url.appendingPathComponent("runs")
        let result = try SproutBinary.run(["run", file, "--out", runs.path], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let layers = try MetricsTable(path: runs.appendingPathComponent("graph/layers.csv").path)
        let nodes = Set(layers.rows.map { $0[1] })
        #expect(nodes.contains("both") && nodes.contains("block2.layer_norm1") && nodes.contains("out"))
    }

    /// The graph with orthogonal and truncated_normal weights trains for one epoch: exit 0, a finite loss.
    @Test func runTrainsOrthogonalAndTruncatedNormalWeights() throws {
        let scratch = try TemporaryDirectory()
        let config = Self.config
            .replacingOccurrences(of: "{name: stem, type: dense, units: 8}",
                                  with: "{name: stem, type: dense, units: 8, weight_init: {type: orthogonal, gain: 1}}")
            .replacingOccurrences(of: "{name: out, type: dense, units: 2}", with: """
                {name: out, type: dense, units: 2, weight_init: {type: truncated_normal, mean: 0, std: 0.1, a: -0.2, b: 0.2}}
                """)
            .replacingOccurrences(of: "epochs: 2", with: "epochs: 1")
        let file = try scratch.write("graph.yaml", config)
        let runs = scratch.url.appendingPathComponent("runs")
        let result = try SproutBinary.run(["run", file, "--out", runs.path], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let table = try MetricsTable(path: runs.appendingPathComponent("graph/metrics.csv").path)
        #expect(table.column("epoch") == [0, 1])
        #expect(table.column("train_loss").allSatisfy { $0.isFinite })
    }

    /// The graph above (gelu, layer_norm, relu, dropout, add, concat) and one with every other new node train for
    /// 2 epochs through the built binary: exit 0 and a finite loss on every logged row.
    @Test(arguments: [Self.config, Self.otherNodes])
    func runTrainsTheNewNodes(config: String) throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("graph.yaml", config)
        let runs = scratch.url.appendingPathComponent("runs")
        let result = try SproutBinary.run(["run", file, "--out", runs.path], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let table = try MetricsTable(path: runs.appendingPathComponent("graph/metrics.csv").path)
        #expect(table.column("epoch") == [0, 1, 2])
        #expect(table.column("train_loss").allSatisfy { $0.isFinite })
        #expect(result.stdout.contains("graph: completed"), "\(result.stdout)")
    }

    static let otherNodes = """
        data: {source: xor}
        model:
          layers:
            - {name: a, type: dense, units: 6}
            - batch_norm
            - {type: leaky_relu, negative_slope: 0.1}
            - {name: b, type: dense, units: 6}
            - elu
            - {name: c, type: dense, units: 6}
            - selu
            - {name: d, type: dense, units: 6}
            - softsign
            - {name: e, type: dense, units: 6}
            - {type: softplus, beta: 2}
            - {name: f, type: dense, units: 6}
            - {type: gelu, approximate: tanh}
            - {type: dropout, rate: 0.2}
            - {name: out, type: dense, units: 2}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 2}

        """
}
