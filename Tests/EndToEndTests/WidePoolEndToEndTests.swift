import Foundation
import Testing

/// The widest pools a config may ask for (Fuzz/regressions/by-hand-pool-kernel-wide.yaml): kernel_size 2³¹ − 1,
/// padding 2³⁰ − 1 (half the kernel), stride 1, on a 4x4 image. There are 4 windows along each axis, each holding
/// the whole image, so a max pool gives the image's maximum 16 times, an average pool without the padding its mean,
/// and with it its sum over K² = (2³¹ − 1)², which is 2⁶² as a Float. The engine once swept and tabled every kernel
/// column (2³¹ of them, a 32 GiB table): these run in well under the timeout now, with the values worked out below
/// by hand from the four images.
@Suite struct WidePoolEndToEndTests {
    /// Four 4x4 images, row by row, with their class: 1 ... 16 (maximum 16, mean 8.5); −[3, 1, 4, 1, 5, 9, 2, 6, 5,
    /// 3, 5, 8, 9, 7, 9, 3] (maximum −1, mean −5); sixteen 2s; fifteen 0s and a 6 (maximum 6, mean 0.375).
    static let images: [([Double], String)] = [
        ((1...16).map(Double.init), "a"),
        ([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3].map { -$0 }, "b"),
        ([Double](repeating: 2, count: 16), "a"),
        ([Double](repeating: 0, count: 15) + [6], "b"),
    ]

    static var csv: String {
        let header = (0..<16).map { "c\($0)" } + ["label"]
        let rows = images.map { image, label in image.map { String(Int($0)) } + [label] }
        return ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Three pools of the data side by side, flattened into a dense layer of 2 (classes a and b).
    static let config = """
        name: wide-pools
        seed: 1
        data: {source: csv, path: cells.csv, target: label, shape: [1, 4, 4]}
        model:
          layers:
            - {name: x, type: identity}
            - {name: maxp, type: max_pool2d, kernel_size: 2147483647, padding: 1073741823, stride: 1, inputs: x}
            - {name: meanp, type: avg_pool2d, kernel_size: 2147483647, padding: 1073741823, stride: 1, count_include_pad: false, inputs: x}
            - {name: sump, type: avg_pool2d, kernel_size: 2147483647, padding: 1073741823, stride: 1, inputs: x}
            - {name: both, type: concat, inputs: [maxp, meanp, sump]}
            - flatten
            - {name: out, type: dense, units: 2}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.01}, epochs: 1, batch_size: 2}

        """

    /// Each example's three pooled values, each repeated over the 16 outputs: maximum, mean, sum / 2⁶².
    static func pooled(_ image: [Double]) -> [Double] {
        let sum = image.reduce(0, +)
        return [image.max() ?? .nan, sum / 16, sum / 0x1p62]
    }

    /// Population mean and std (the probe's) of one value per example.
    static func spread(_ values: [Double]) -> (mean: Double, std: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        return (mean, (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot())
    }

    /// `show --probe` measures each pool's output over the four examples: maxima 16, −1, 2, 6 (mean 5.75, std 6.418),
    /// means 8.5, −5, 2, 0.375 (mean 1.469, std 4.816), sums 136, −80, 32, 6 over 2⁶² (mean 5.096e-18). The probe
    /// prints 4 significant digits.
    @Test func probeMeasuresThePoolsOfTheWholeImage() throws {
        let scratch = try TemporaryDirectory()
        _ = try scratch.write("cells.csv", Self.csv)
        let file = try scratch.write("wide.yaml", Self.config)
        let result = try SproutBinary.run(["show", "--probe", file], timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
        let table = try ProbeOutputTable(result.stdout)
        let values = Self.images.map { Self.pooled($0.0) }
        #expect(Self.spread(values.map { $0[0] }).mean == 5.75 && abs(Self.spread(values.map { $0[1] }).std - 4.816) < 1e-3)
        for (column, node) in ["maxp", "meanp", "sump"].enumerated() {
            let row = try table.row(node)
            let expected = Self.spread(values.map { $0[column] })
            #expect(row.width == 16)
            #expect(abs(row.activationMean - expected.mean) <= 5e-4 * abs(expected.mean), "\(node): \(row)")
            #expect(abs(row.activationStd - expected.std) <= 5e-4 * expected.std, "\(node): \(row)")
        }
    }

    /// Trained for one epoch, its predictions rebuild the network from model.json: each row's probabilities are
    /// the softmax of `out.weight · features + out.bias`, the features being the three pooled values, 16 times each,
    /// worked out here from the images and the trained weights in final.safetensors. A model.json edited to an
    /// average kernel of (2³² + 2)² cells, past an Int, is refused in one line instead of trapping.
    @Test func predictionsFromTheTrainedRun() throws {
        let scratch = try TemporaryDirectory()
        let data = try scratch.write("cells.csv", Self.csv)
        let run = try ExperimentRuns.run(Self.config, in: scratch, timeout: 60).one("name: wide-pools").directory
        let tensors = try CheckpointAndLayersTests.Tensors(path: run.appendingPathComponent("final.safetensors").path)
        let weight = tensors.floats("out.weight").map(Double.init), bias = tensors.floats("out.bias").map(Double.init)
        try #require(weight.count == 2 * 48 && bias.count == 2)
        let predicted = try SproutBinary.run(["predict", run.path, data], timeout: 30)
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let rows = PredictTests.table(predicted.stdout)
        #expect(rows.first == ["predicted", "p_a", "p_b"])
        try #require(rows.count == 5)
        for (index, (image, _)) in Self.images.enumerated() {
            let features = Self.pooled(image).flatMap { [Double](repeating: $0, count: 16) }
            var logits = bias
            for unit in 0..<2 {
                for feature in 0..<48 { logits[unit] += weight[48 * unit + feature] * features[feature] }
            }
            let top = max(logits[0], logits[1])
            let exps = [exp(logits[0] - top), exp(logits[1] - top)]
            let probabilities = [exps[0] / (exps[0] + exps[1]), exps[1] / (exps[0] + exps[1])]
            let row = rows[index + 1]
            #expect(row[0] == (logits[0] >= logits[1] ? "a" : "b"), "row \(index): \(row) vs \(logits)")
            for unit in 0..<2 {
                #expect(abs((Double(row[unit + 1]) ?? .nan) - probabilities[unit]) <= 1e-6, "row \(index): \(row) vs \(probabilities)")
            }
        }

        let hostile = scratch.url.appendingPathComponent("hostile")
        try FileManager.default.copyItem(at: run.resolvingSymlinksInPath(), to: hostile)
        let modelPath = hostile.appendingPathComponent("model.json")
        var model = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: modelPath)) as? [String: Any])
        var network = try #require(model["network"] as? [String: Any])
        var nodes = try #require(network["nodes"] as? [[String: Any]])
        let sump = try #require(nodes.firstIndex { $0["name"] as? String == "sump" })
        nodes[sump]["kernel_size"] = [4294967298, 4294967298]
        nodes[sump]["padding"] = [2147483647, 2147483647, 2147483647, 2147483647]
        network["nodes"] = nodes
        model["network"] = network
        try JSONSerialization.data(withJSONObject: model).write(to: modelPath)
        let refused = try SproutBinary.run(["predict", hostile.path, data], timeout: 30)
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(refused.stderr == "error: cannot use the run \(hostile.path): its model.json describes a network Sprout "
                + "cannot build: node 'sump' cannot read its input of shape [1, 4, 4]: avg_pool2d's 4294967298x4294967298 "
                + "kernel has more cells than an Int counts (its divisor kh · kw)\n", "\(refused.stderr)")
    }
}
