import Foundation
import Testing

/// `sprout run` with the train features beyond plain sgd (optimizers, schedules, clipping, losses, early stopping),
/// on tiny xor runs through the built binary.
@Suite struct TrainFeaturesEndToEndTests {
    /// A 40-point xor config with `train` lines appended (indented by two spaces).
    static func config(name: String, outputUnits: Int = 2, train: String) -> String {
        """
        name: \(name)
        data: {source: xor, samples: 40}
        model:
          layers: [{type: dense, units: 8}, tanh, {type: dense, units: \(outputUnits)}]
        train:
          batch_size: 8
        \(train.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))

        """
    }

    /// Runs `text` and returns the result and the run's metrics (nil when the run wrote none).
    static func run(_ name: String, _ text: String) throws -> (SproutBinary.Result, MetricsTable?) {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("\(name).yaml", text)
        let runs = scratch.url.appendingPathComponent("runs")
        let result = try SproutBinary.run(["run", file, "--out", runs.path], timeout: 120)
        let path = runs.appendingPathComponent("\(name)/metrics.csv").path
        let table = FileManager.default.fileExists(atPath: path) ? try MetricsTable(path: path) : nil
        return (result, table)
    }

    @Test(arguments: ["{type: adam, lr: 0.01}", "{type: adamw, lr: 0.01, amsgrad: true}",
                      "{type: rmsprop, lr: 0.01, momentum: 0.5, centered: true}"])
    func everyOptimizerTrains(optimizer: String) throws {
        let text = Self.config(name: "opt", train: "loss: cross_entropy\noptimizer: \(optimizer)\nepochs: 3")
        let (result, table) = try Self.run("opt", text)
        #expect(result.status == 0, "\(result.stderr)")
        // 40 points in batches of 8: 5 steps an epoch, 15 in 3 epochs.
        let loss = table?.column("train_loss") ?? []
        #expect(table?.column("step").last == 15)
        #expect((loss.last ?? 1) < (loss.first ?? 0), "\(loss)")
    }

    @Test func theLearningRateColumnFollowsTheScheduleAndWarmUp() throws {
        let text = Self.config(name: "sched", train: """
            loss: cross_entropy
            optimizer: {type: sgd, lr: 0.1}
            epochs: 3
            schedule: {type: step, step_size: 1, gamma: 0.5, warmup_epochs: 1}
            """)
        let (result, table) = try Self.run("sched", text)
        #expect(result.status == 0, "\(result.stderr)")
        // 5 steps an epoch, warm-up over steps 0-4. Epoch 0's row: the first step's rate, 0.1·0/5 = 0.
        // Epoch 1 (e = 0) ends with step 4: 0.1·4/5 = 0.08. Epoch 2 (e = 1): 0.1·0.5 = 0.05. Epoch 3: 0.025.
        let rates = table?.column("learning_rate") ?? []
        #expect(rates.count == 4)
        for (a, e) in zip(rates, [0, 0.08, 0.05, 0.025]) { #expect(abs(a - e) < 1e-12, "\(rates)") }
    }

    /// The combination the issue asks for: adam, cosine, warm-up and clipping in one tiny run.
    @Test func adamWithCosineWarmUpAndClipping() throws {
        let text = Self.config(name: "fancy", train: """
            loss: cross_entropy
            optimizer: {type: adam, lr: 0.01}
            epochs: 3
            schedule: {type: cosine, min_lr: 0.001, warmup_epochs: 1}
            clip_grad_norm: 0.5
            """)
        let (result, table) = try Self.run("fancy", text)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("fancy: completed"))
        // 5 steps an epoch, warm-up over steps 0-4, t_max = epochs = 3. Rows: epoch 0: 0 (first step);
        // epoch 1 ends with step 4 (e = 0): 0.01·4/5 = 0.008; epoch 2 (e = 1): 0.001 + 0.009·(1 + cos(π/3))/2 = 0.00775;
        // epoch 3 (e = 2): 0.001 + 0.009·(1 + cos(2π/3))/2 = 0.00325.
        let rates = table?.column("learning_rate") ?? []
        #expect(rates.count == 4)
        for (a, e) in zip(rates, [0, 0.008, 0.00775, 0.00325]) { #expect(abs(a - e) < 1e-12, "\(rates)") }
        let loss = table?.column("train_loss") ?? []
        #expect((loss.last ?? 1) < (loss.first ?? 0), "\(loss)")
    }

    /// A limit far below the gradients' norm: sgd's steps shrink to almost nothing, so the loss stays where it
    /// started, while grad_norm still reports the norm before clipping.
    @Test func clippingShrinksTheStepsNotTheReportedNorm() throws {
        let text = Self.config(name: "clip", train: """
            loss: cross_entropy
            optimizer: {type: sgd, lr: 0.5}
            epochs: 2
            clip_grad_norm: 1.0e-9
            """)
        let (result, table) = try Self.run("clip", text)
        #expect(result.status == 0, "\(result.stderr)")
        let loss = table?.column("train_loss") ?? []
        // 10 steps of length at most 0.5·1e-9 move the loss by far less than 1e-6.
        #expect(loss.count == 3)
        #expect(loss.allSatisfy { abs($0 - (loss.first ?? 0)) < 1e-6 }, "\(loss)")
        // A random start's gradient is nowhere near 1e-9.
        let norms = (table?.column("grad_norm") ?? []).filter { !$0.isNaN }
        #expect(norms.count == 2)
        #expect(norms.allSatisfy { $0 > 1e-4 }, "\(norms)")
    }

    /// binary_cross_entropy on one output unit: xor's two classes, accuracy by the logit's sign.
    @Test func binaryCrossEntropyTrainsOneLogit() throws {
        let text = Self.config(name: "bce", outputUnits: 1, train: """
            loss: binary_cross_entropy
            optimizer: {type: adam, lr: 0.02}
            epochs: 3
            """)
        let (result, table) = try Self.run("bce", text)
        #expect(result.status == 0, "\(result.stderr)")
        let loss = table?.column("train_loss") ?? []
        let accuracy = table?.column("train_accuracy") ?? []
        #expect(loss.count == 4)
        #expect((loss.last ?? 1) < (loss.first ?? 0), "\(loss)")
        // 40 points: every accuracy is a multiple of 1/40.
        #expect(accuracy.count == 4)
        #expect(accuracy.allSatisfy { abs($0 * 40 - ($0 * 40).rounded()) < 1e-9 && $0 >= 0 && $0 <= 1 }, "\(accuracy)")
    }

    /// A rate so small that the loss cannot move by min_delta: no epoch improves on epoch 0, so with patience 2 the
    /// run stops after epoch 2 (2 − 0 ≥ 2), completed, and metrics.csv ends with that epoch's row.
    @Test func earlyStoppingEndsAPlateau() throws {
        let text = Self.config(name: "plateau", train: """
            loss: cross_entropy
            optimizer: {type: sgd, lr: 1.0e-9}
            epochs: 10
            early_stopping: {metric: train_loss, patience: 2, min_delta: 0.001}
            """)
        let (result, table) = try Self.run("plateau", text)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("plateau: completed (stopped early at epoch 2) in "), "\(result.stdout)")
        #expect(table?.column("epoch") == [0, 1, 2])
        #expect(table?.column("step") == [0, 5, 10])
    }
}
