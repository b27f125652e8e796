import Foundation
import Testing

/// `sprout show --probe`: the signal at initialization, checked against the formulas it is meant to make visible.
@Suite struct ProbeCommandTests {
    static let depth = 24, width = 64, batch = 256

    /// A plain stack of `depth` dense (no bias) + relu layers of width 64 on standardized inputs, every weight from
    /// `weight`, the whole training set as the batch.
    static func deepStack(_ weight: String) -> String {
        """
        name: deep
        seed: 7
        data: {source: teacher, samples: \(batch), features: \(width), classes: 2, normalize: standardize}
        model:
          init: {weight: \(weight)}
          layers:
            - repeat: \(depth)
              name: block
              layers:
                - {type: dense, units: \(width), bias: false}
                - relu
            - {name: out, type: dense, units: 2, bias: false}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1, batch_size: \(batch)}

        """
    }

    static func probe(_ config: String, _ extra: [String] = []) throws -> (SproutBinary.Result, ProbeOutputTable?) {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("config.yaml", config)
        let result = try SproutBinary.run(["show", "--probe", file] + extra)
        return (result, result.status == 0 ? try ProbeOutputTable(result.stdout) : nil)
    }

    /// Second moments of the pre-activations (the dense outputs) of layers 1...depth.
    static func preActivationMoments(_ table: ProbeOutputTable) throws -> [Double] {
        try (1...depth).map { try table.row("block\($0).dense1").secondMoment }
    }

    /// The geometric mean of the per-layer factors m_l / m_(l-1) over layers 2...depth.
    static func perLayerFactor(_ moments: [Double]) -> Double {
        guard let first = moments.first, let last = moments.last else { return .nan }
        return pow(last / first, 1 / Double(moments.count - 1))
    }

    /// He et al. 2015: with W ~ N(0, σ²) and no bias, a relu layer multiplies the second moment of the
    /// pre-activations by n·σ²/2 (n = 64 inputs); the first layer, on standardized inputs (no relu before it), by n·σ².
    /// kaiming_normal (σ² = 2/n) keeps the level (factor 1), xavier_normal (σ² = 2/(n+n) = 1/n) halves it, and
    /// normal(0, 0.01) multiplies it by 64·1e-4/2 = 0.0032. Backward, dL/d(pre-activation) shrinks by the same factor
    /// per layer (Wᵀ has the same entries, relu passes half the units). Finite width makes the measured factor
    /// wander (a geometric mean over 23 layers of width 64 stays within ±13% of the formula in 300 simulated
    /// draws): ±25% still tells 1 from 1/2 apart.
    @Test func reluStackFollowsHeFormula() throws {
        let (kaimingResult, kaimingTable) = try Self.probe(Self.deepStack("{type: kaiming_normal, nonlinearity: relu}"))
        let (xavierResult, xavierTable) = try Self.probe(Self.deepStack("xavier_normal"))
        #expect(kaimingResult.status == 0, "\(kaimingResult.stderr)")
        #expect(xavierResult.status == 0, "\(xavierResult.stderr)")
        let kaiming = try #require(kaimingTable), xavier = try #require(xavierTable)
        let inputStd = try #require(kaiming.number(in: "input:", after: "std"))
        let inputMean = try #require(kaiming.number(in: "input:", after: "mean"))
        let m0 = inputMean * inputMean + inputStd * inputStd
        let mK = try Self.preActivationMoments(kaiming), mX = try Self.preActivationMoments(xavier)
        let n = Double(Self.width)

        // First layer: m_1 = n·σ²·m_0.
        #expect(abs(mK[0] / (n * (2 / n) * m0) - 1) < 0.25, "kaiming m1 \(mK[0]), m0 \(m0)")
        #expect(abs(mX[0] / (n * (1 / n) * m0) - 1) < 0.25, "xavier m1 \(mX[0]), m0 \(m0)")
        // Every further layer: n·σ²/2.
        let kaimingFactor = Self.perLayerFactor(mK), xavierFactor = Self.perLayerFactor(mX)
        #expect(abs(kaimingFactor - 1) < 0.25, "kaiming per-layer factor \(kaimingFactor)")
        #expect(abs(xavierFactor / 0.5 - 1) < 0.25, "xavier per-layer factor \(xavierFactor)")
        // Both draw the same standard normals (each weight's stream is keyed by its name) scaled by σ, and relu is
        // positively homogeneous, so the ratio of the two runs is exact: (σ_K²/σ_X²)^l = 2^l at layer l.
        for l in 1...Self.depth {
            let ratio = mK[l - 1] / mX[l - 1] / pow(2, Double(l))
            #expect(abs(ratio - 1) < 2e-3, "layer \(l): m_kaiming / m_xavier / 2^\(l) = \(ratio)")
        }
        // Gradients: the same factor per layer, backward (from layer depth down to 1).
        func gradientFactor(_ table: ProbeOutputTable) throws -> Double {
            let g = try (1...Self.depth).map { l in try #require(try table.row("block\(l).dense1").gradientStd) }
            return pow((g[0] * g[0]) / (g[Self.depth - 1] * g[Self.depth - 1]), 1 / Double(Self.depth - 1))
        }
        let kaimingGradient = try gradientFactor(kaiming), xavierGradient = try gradientFactor(xavier)
        #expect(abs(kaimingGradient - 1) < 0.25, "kaiming gradient factor \(kaimingGradient)")
        #expect(abs(xavierGradient / 0.5 - 1) < 0.25, "xavier gradient factor \(xavierGradient)")
        // He's start keeps every signal inside the band: no marker anywhere.
        #expect(kaiming.rows.allSatisfy { $0.signal.isEmpty }, "\(kaimingResult.stdout)")
        #expect(kaiming.rows.count == 2 * Self.depth + 1)
    }

    /// normal(0, 0.01): the same weights as xavier_normal's scaled by 0.01·√n = 0.08, so the second moments'
    /// ratio is 0.0064^l exactly; by the formula the pre-activation std is √0.0064 = 0.08 at layer 1, √(0.0064 ·
    /// 0.0032) ≈ 4.5e-3 at layer 2 (relu after it: ≈ 0.58 × that, 2.6e-3), ≈ 2.6e-4 at layer 3: the vanishing
    /// marker (std below 1e-3 of the input's, which is 1) starts at layer 3's dense node and never leaves.
    @Test func smallNormalVanishesWhereTheFormulaSays() throws {
        let (smallResult, smallTable) = try Self.probe(Self.deepStack("{type: normal, std: 0.01}"))
        let (xavierResult, xavierTable) = try Self.probe(Self.deepStack("xavier_normal"))
        #expect(smallResult.status == 0, "\(smallResult.stderr)")
        #expect(xavierResult.status == 0, "\(xavierResult.stderr)")
        let small = try #require(smallTable), xavier = try #require(xavierTable)
        let mS = try Self.preActivationMoments(small), mX = try Self.preActivationMoments(xavier)
        for l in 1...5 {
            let ratio = mS[l - 1] / mX[l - 1] / pow(0.0064, Double(l))
            #expect(abs(ratio - 1) < 2e-3, "layer \(l): m_small / m_xavier / 0.0064^\(l) = \(ratio)")
        }
        let firstVanishing = small.rows.firstIndex { $0.signal.contains("activation vanishing") }
        #expect(firstVanishing.map { small.rows[$0].node } == "block3.dense1", "\(smallResult.stdout)")
        if let firstVanishing {
            #expect(small.rows[firstVanishing...].allSatisfy { $0.signal.contains("activation vanishing") })
        }
        #expect(!small.rows.contains { $0.signal.contains("exploding") })
    }

    /// All-zero weights under tanh: the logits are 0, so softmax gives 1/2 to each of the two classes and
    /// dL/dlogits = (1/2 - onehot)/S is ±1/(2S) in every entry (std 1/(2S) = 1/128 for the sample of S = 64, all the
    /// examples); the loss is ln 2.
    /// Backward through the zero output weights, the gradient reaching tanh and the first layer is exactly 0, and
    /// so is every weight gradient (dL/dW_out = dyᵀ·h with h = tanh(0) = 0): the vanishing marker.
    @Test func zeroStartSendsNoGradientToTheFirstLayer() throws {
        let (result, table) = try Self.probe("""
            seed: 3
            data: {source: xor, samples: 64}
            model:
              init: {weight: zeros}
              layers: [{name: hidden, type: dense, units: 8}, tanh, {name: out, type: dense, units: 2}]
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1, batch_size: 16}

            """)
        #expect(result.status == 0, "\(result.stderr)")
        let probe = try #require(table)
        let hidden = try probe.row("hidden"), tanh = try probe.row("tanh1"), out = try probe.row("out")
        #expect(hidden.gradientStd == 0 && hidden.weightGradientStd == 0)
        #expect(tanh.gradientStd == 0 && tanh.weightGradientStd == nil)
        #expect(out.weightGradientStd == 0)
        #expect(hidden.signal.contains("gradient vanishing") && tanh.signal.contains("gradient vanishing"))
        #expect(!out.signal.contains("gradient"), "the output's gradient is the reference itself")
        #expect(abs(try #require(out.gradientStd) - 1.0 / 128) < 1e-6)
        #expect(abs(try #require(probe.number(in: "loss:", after: "cross_entropy")) - log(2.0)) < 1e-4)
        #expect(probe.line("sample:")?.contains("all 64 training examples") == true, "\(probe.header)")
        #expect(probe.line("mode: evaluation") != nil)
    }

    /// When the sample is the whole training set and the first batch is too, the probe's gradient is the run's
    /// first step's (the same examples, in another order: equal up to the order of float32 sums). One step of plain
    /// SGD with lr 1 moves the hidden weights by exactly -1 × that gradient, so the std of final - init in the run's
    /// checkpoints equals the probe's weight_grad_std. (No dropout: the probe runs in evaluation mode, the step in
    /// training mode.)
    @Test func probeGradientIsTheFirstStepsOnTheWholeSet() throws {
        let scratch = try TemporaryDirectory()
        let config = try scratch.write("step.yaml", """
            seed: 5
            data: {source: xor, samples: 32}
            model:
              layers: [{name: hidden, type: dense, units: 6}, tanh, {name: out, type: dense, units: 2}]
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 1.0}, epochs: 1, batch_size: 32}

            """)
        let runs = scratch.url.appendingPathComponent("runs").path
        let run = try SproutBinary.run(["run", config, "--out", runs, "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let directory = try RunFiles.directory(of: config, under: runs)
        let initial = try CheckpointAndLayersTests.Tensors(path: directory + "/init.safetensors").floats("hidden.weight")
        let final = try CheckpointAndLayersTests.Tensors(path: directory + "/final.safetensors").floats("hidden.weight")
        #expect(initial.count == 12 && final.count == 12)
        let step = zip(initial, final).map { Double($0) - Double($1) }
        let mean = step.reduce(0, +) / Double(step.count)
        let std = (step.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(step.count)).squareRoot()

        let probe = try SproutBinary.run(["show", "--probe", config])
        #expect(probe.status == 0, "\(probe.stderr)")
        let table = try ProbeOutputTable(probe.stdout)
        let probed = try #require(try table.row("hidden").weightGradientStd)
        #expect(std > 0)
        #expect(abs(probed / std - 1) < 1e-3, "probe \(probed), first step \(std)")
    }

    /// layers.csv's epoch-0 rows and the probe come from the same pass on the same sample (here 512 of 900 blobs
    /// examples, stratified over 3 classes): every node's act_mean, act_std and grad_std is the layers.csv value
    /// printed to the probe's 4 significant digits; the header says how the sample was drawn.
    @Test func layersAtEpochZeroEqualTheProbe() throws {
        let scratch = try TemporaryDirectory()
        let config = try scratch.write("agree.yaml", """
            seed: 8
            data: {source: blobs, samples: 1000, centers: 3, validation: 0.1}
            model:
              layers:
                - {name: hidden, type: dense, units: 10}
                - {name: bn, type: batch_norm}
                - {name: act, type: relu}
                - {name: out, type: dense, units: 3}
            train: {loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 1, batch_size: 32}

            """)
        let runs = scratch.url.appendingPathComponent("runs").path
        let run = try SproutBinary.run(["run", config, "--out", runs, "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let layers = try MetricsTable(path: try RunFiles.directory(of: config, under: runs) + "/layers.csv")
        let (result, table) = try Self.probe(try String(contentsOfFile: config, encoding: .utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let probe = try #require(table)
        let sample = try #require(probe.line("sample:"))
        #expect(sample.contains("512 of the 900 training examples, stratified by class (stream `diagnostic sample`, seed 8)"),
                "\(sample)")
        #expect(probe.line("loss:")?.contains("the mean over the 512 examples") == true)
        let epochZero = layers.rows.filter { $0.first == "0" }
        #expect(epochZero.map { $0[1] } == probe.rows.map(\.node))
        /// A layers.csv cell as the probe prints it, read back.
        func printed(_ row: [String], _ column: String) throws -> Double? {
            let index = try #require(layers.header.firstIndex(of: column))
            return Double(row[index]).flatMap { Double(String(format: "%.4g", $0)) }
        }
        for (row, probed) in zip(epochZero, probe.rows) {
            #expect(try printed(row, "activation_mean") == probed.activationMean, "\(probed.node)")
            #expect(try printed(row, "activation_std") == probed.activationStd, "\(probed.node)")
            #expect(try printed(row, "gradient_std") == probed.gradientStd, "\(probed.node)")
            #expect(probed.gradientStd != nil)
        }
    }

    /// A sweep probes its first run and says so; --variant picks another, by the name the header lists.
    @Test func sweepProbesTheFirstRunOrTheChosenOne() throws {
        let config = """
            data: {source: xor, samples: 32}
            model:
              layers: [{name: hidden, type: dense, units: 4}, tanh, {name: out, type: dense, units: 2}]
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1, batch_size: 8}
            sweep:
              model.init.weight: [zeros, xavier_uniform]

            """
        let (first, firstTable) = try Self.probe(config)
        #expect(first.status == 0, "\(first.stderr)")
        let table = try #require(firstTable)
        let runLine = try #require(table.line("run:"))
        #expect(runLine.contains("run 1 of the sweep's 2"), "\(runLine)")
        #expect(try table.row("hidden").weightGradientStd == 0)  // zeros first
        let names = try #require(runLine.split(separator: ": ").last).split(separator: ", ").map(String.init)
        #expect(names.count == 2)
        let (second, secondTable) = try Self.probe(config, ["--variant", names[1]])
        #expect(second.status == 0, "\(second.stderr)")
        let other = try #require(secondTable)
        #expect(other.line("run:")?.contains("run 2 of the sweep's 2") == true)
        #expect(try #require(try other.row("hidden").weightGradientStd) > 0)
    }

    @Test func badInputIsReportedNotCrashed() throws {
        let scratch = try TemporaryDirectory()
        let missing = scratch.url.appendingPathComponent("nope.yaml").path
        let absent = try SproutBinary.run(["show", "--probe", missing])
        #expect(absent.status == 1)
        #expect(absent.stderr.contains("nope.yaml") && absent.stdout.isEmpty, "\(absent.stderr)")

        let invalid = try scratch.write("bad.yaml", """
            data: {source: xor}
            model: {layers: [{type: dence, units: 3}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """)
        let bad = try SproutBinary.run(["show", "--probe", invalid])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.yaml:2:") && bad.stderr.contains("dence") && bad.stdout.isEmpty, "\(bad.stderr)")

        let plain = try scratch.write("plain.yaml", """
            data: {source: xor, samples: 8}
            model: {layers: [{type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """)
        let variant = try SproutBinary.run(["show", "--probe", plain, "--variant", "x"])
        #expect(variant.status == 64)
        #expect(variant.stderr.contains("no sweep"), "\(variant.stderr)")
        let withoutProbe = try SproutBinary.run(["show", plain, "--variant", "x"])
        #expect(withoutProbe.status == 64)
    }
}
