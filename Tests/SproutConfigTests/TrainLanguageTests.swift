@testable import SproutConfig
import SproutTestSupport
import SproutYAML
import Testing

/// The `train:` language: every default filled in (PyTorch's torch.optim and loss defaults, written here by hand
/// from PyTorch's documentation), and each train rule's diagnostic at its exact position.
@Suite struct TrainLanguageTests {
    /// validXOR with a validation split, its optimizer line replaced and `extra` appended to `train:`.
    func config(optimizer: String = "{type: sgd, lr: 0.1}", loss: String = "cross_entropy", epochs: Int = 2,
                extra: String = "") -> String {
        // A validation split, so that early stopping may watch the val_* metrics.
        validXOR.replacingOccurrences(of: "{source: xor, samples: 8}", with: "{source: xor, samples: 8, validation: 0.25}")
            .replacingOccurrences(of: "optimizer: {type: sgd, lr: 0.1}", with: "optimizer: \(optimizer)")
            .replacingOccurrences(of: "loss: cross_entropy", with: "loss: \(loss)")
            .replacingOccurrences(of: "epochs: 2", with: "epochs: \(epochs)") + extra
    }

    func train(_ text: String) throws -> TrainSpec {
        let (spec, headlines, _) = try decode(MarkedText(text))
        #expect(headlines == [])
        return try #require(spec).train
    }

    @Test func optimizerDefaultsArePyTorchs() throws {
        // torch.optim.Adam: lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False.
        #expect(try train(config(optimizer: "adam")).optimizer
                == .adam(AdamSettings(lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false)))
        // torch.optim.AdamW: the same, but weight_decay=1e-2.
        #expect(try train(config(optimizer: "{type: adamw}")).optimizer
                == .adamw(AdamSettings(lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, amsgrad: false)))
        // torch.optim.RMSprop: lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False.
        #expect(try train(config(optimizer: "rmsprop")).optimizer
                == .rmsprop(lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0, centered: false, weightDecay: 0))
        // Given values win over defaults.
        #expect(try train(config(optimizer: "{type: adam, lr: 0.01, beta2: 0.98, amsgrad: true}")).optimizer
                == .adam(AdamSettings(lr: 0.01, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 0, amsgrad: true)))
    }

    /// The losses read on their own (mse, mae and huber are rejected over xor by the loss rules, tested below).
    @Test func lossesAndHubersDefaultDelta() throws {
        func loss(_ text: String) throws -> LossKind? {
            let root = try YAMLDocument.parse("loss: \(text)\n", file: "t.yaml")
            let diagnostics = DiagnosticCollector()
            let node = try #require(root["loss"])
            let kind = TrainDecoder.decodeLoss(node, into: diagnostics)
            #expect(diagnostics.diagnostics.isEmpty)
            return kind
        }
        #expect(try loss("cross_entropy") == .crossEntropy)
        #expect(try loss("binary_cross_entropy") == .binaryCrossEntropy)
        #expect(try loss("mse") == .mse)
        #expect(try loss("{type: mae}") == .mae)
        // PyTorch's HuberLoss: delta=1.0.
        #expect(try loss("huber") == .huber(delta: 1))
        #expect(try loss("{type: huber, delta: 0.5}") == .huber(delta: 0.5))
    }

    @Test func scheduleDefaults() throws {
        // No schedule: constant, no warm-up, no clipping, no early stopping.
        let plain = try train(config())
        #expect(plain.schedule == ScheduleSpec(kind: .constant, warmupEpochs: 0))
        #expect(plain.clipGradNorm == nil)
        #expect(plain.earlyStopping == nil)
        // cosine: t_max = the run's epochs (7 here), min_lr 0 (PyTorch's eta_min).
        #expect(try train(config(epochs: 7, extra: "  schedule: cosine\n")).schedule
                == ScheduleSpec(kind: .cosine(tMax: 7, minLR: 0), warmupEpochs: 0))
        #expect(try train(config(epochs: 7, extra: "  schedule: {type: cosine, t_max: 50, warmup_epochs: 2}\n")).schedule
                == ScheduleSpec(kind: .cosine(tMax: 50, minLR: 0), warmupEpochs: 2))
        // step: gamma 0.1 (PyTorch's StepLR).
        #expect(try train(config(epochs: 7, extra: "  schedule: {type: step, step_size: 3}\n")).schedule
                == ScheduleSpec(kind: .step(stepSize: 3, gamma: 0.1), warmupEpochs: 0))
        #expect(try train(config(extra: "  schedule: {type: exponential, gamma: 1}\n")).schedule
                == ScheduleSpec(kind: .exponential(gamma: 1), warmupEpochs: 0))
        #expect(try train(config(extra: "  schedule: {type: constant, warmup_epochs: 1}\n")).schedule
                == ScheduleSpec(kind: .constant, warmupEpochs: 1))
    }

    @Test func clippingAndEarlyStoppingDefaults() throws {
        let spec = try train(config(extra: "  clip_grad_norm: 1.5\n  early_stopping: {metric: train_loss}\n"))
        #expect(spec.clipGradNorm == 1.5)
        // A loss is watched falling (mode min); patience 10; any improvement counts (min_delta 0).
        #expect(spec.earlyStopping == EarlyStoppingSpec(metric: .trainLoss, mode: .min, patience: 10, minDelta: 0))
        // An accuracy is watched rising.
        #expect(try train(config(extra: "  early_stopping: {metric: train_accuracy, patience: 3, min_delta: 0.01}\n"))
                    .earlyStopping == EarlyStoppingSpec(metric: .trainAccuracy, mode: .max, patience: 3, minDelta: 0.01))
        // val_* metrics need the validation split config() adds (the rule without one: DataLanguageTests).
        #expect(try train(config(extra: "  early_stopping: {metric: val_loss}\n")).earlyStopping?.mode == .min)
    }

    @Test func warmupMustEndBeforeTheRun() throws {
        let input = MarkedText(config(epochs: 3, extra: "  schedule: {type: cosine, warmup_epochs: 1️⃣3}\n"))
        let (spec, headlines, all) = try decode(input)
        #expect(spec == nil)
        #expect(headlines == ["\(input.at(1)): error: 'warmup_epochs' must be less than epochs (3), found 3 [warmup-too-long]"])
        #expect(all.first?.help == ["the warm-up would take the whole run, which would never train at the full rate"])
        // One epoch less is fine.
        #expect(try train(config(epochs: 3, extra: "  schedule: {type: cosine, warmup_epochs: 2}\n"))
                    .schedule.warmupEpochs == 2)
    }

    @Test func stepSizeNotBelowEpochsIsAWarning() throws {
        let input = MarkedText(config(epochs: 5, extra: "  schedule: {type: step, step_size: 1️⃣6}\n"))
        let (spec, headlines, _) = try decode(input)
        #expect(spec != nil)
        #expect(headlines == ["\(input.at(1)): warning: step_size 6 is not less than epochs (5): the learning rate never decays [schedule-never-decays]"])
        // step_size 4 < 5 epochs: epoch 4 is decayed; no warning.
        #expect(try decode(MarkedText(config(epochs: 5, extra: "  schedule: {type: step, step_size: 4}\n"))).headlines == [])
        // A cosine longer than the run is fine.
        #expect(try decode(MarkedText(config(epochs: 5, extra: "  schedule: {type: cosine, t_max: 500}\n"))).headlines == [])
    }

    @Test func lossMustFitOutputAndData() throws {
        let bce = MarkedText(config(loss: "binary_cross_entropy")
            .replacingOccurrences(of: "    - {name: out,", with: "    - 1️⃣{name: out,"))
        #expect(try decode(bce).headlines == [
            "\(bce.at(1)): error: the output node 'out' has 2 units, but binary_cross_entropy needs 1 (the logit of the second class) [output-width-mismatch]",
        ])
        // One unit fits.
        #expect(try decode(MarkedText(config(loss: "binary_cross_entropy")
            .replacingOccurrences(of: "{name: out, type: dense, units: 2}", with: "{name: out, type: dense, units: 1}")))
                    .headlines == [])
        let huber = MarkedText(config(loss: "1️⃣{type: huber, delta: 2}"))
        #expect(try decode(huber).headlines == [
            "\(huber.at(1)): error: loss 'huber' needs a regression target, but data source 'xor' gives class labels [loss-data-mismatch]",
        ])
    }

    @Test func earlyStoppingRules() throws {
        let accuracy = MarkedText(config(loss: "2️⃣mae", extra: "  early_stopping: {metric: 1️⃣val_accuracy}\n"))
        let (spec, headlines, all) = try decode(accuracy)
        #expect(spec == nil)
        #expect(headlines == [
            "\(accuracy.at(2)): error: loss 'mae' needs a regression target, but data source 'xor' gives class labels [loss-data-mismatch]",
            "\(accuracy.at(1)): error: early_stopping metric 'val_accuracy' needs a classification loss, not 'mae' [metric-loss-mismatch]",
        ])
        #expect(all.last?.help == ["accuracy is only defined for class labels; watch val_loss instead"])
        let contrary = MarkedText(config(extra: "  early_stopping: {metric: train_accuracy, mode: 1️⃣min}\n"))
        let result = try decode(contrary)
        #expect(result.spec?.train.earlyStopping?.mode == .min)
        #expect(result.headlines == ["\(contrary.at(1)): warning: mode min on 'train_accuracy' counts a worsening as an improvement [reversed-stopping-mode]"])
        #expect(result.all.first?.help == ["train_accuracy improves as it rises: remove mode (its default is max for this metric)"])
    }

    @Test func optimizerRules() throws {
        let adam = MarkedText(config(optimizer: "{type: adamw, lr: 1️⃣0.2}"))
        #expect(try decode(adam).headlines == ["\(adam.at(1)): warning: learning rate 0.2 is above 0.1 for adamw [high-learning-rate]"])
        // 0.1 itself is not above 0.1; rmsprop has no such warning.
        #expect(try decode(MarkedText(config(optimizer: "{type: adam, lr: 0.1}"))).headlines == [])
        #expect(try decode(MarkedText(config(optimizer: "{type: rmsprop, lr: 0.5}"))).headlines == [])
        let stray = MarkedText(config(optimizer: "{type: sgd, lr: 0.1, 1️⃣beta2: 0.9}"))
        let (spec, headlines, all) = try decode(stray)
        #expect(spec == nil)
        #expect(headlines == ["\(stray.at(1)): error: optimizer 'sgd' has no parameter 'beta2' [unknown-key]"])
        #expect(all.first?.help == ["sgd takes 'lr', 'momentum', 'nesterov', 'weight_decay'"])
        let beta = MarkedText(config(optimizer: "{type: adam, beta2: 1️⃣-0.5}"))
        #expect(try decode(beta).headlines == ["\(beta.at(1)): error: 'beta2' must be at least 0 and less than 1, found -0.5 [out-of-range]"])
    }

    /// Every default written out, by hand from the defaults above; reading the text back gives the same text.
    @Test func resolvedTrainSectionIsCompleteAndStable() throws {
        let spec = try #require(try decode(MarkedText(config(
            optimizer: "adam", loss: "cross_entropy", epochs: 20,
            extra: "  schedule: {type: cosine, warmup_epochs: 2}\n  clip_grad_norm: 1\n"
                + "  early_stopping: {metric: val_loss}\n"))).spec)
        let text = ResolvedConfig.yaml(spec)
        let train = text.components(separatedBy: "\ntrain:\n").last?.components(separatedBy: "\nlog:").first
        #expect(train == """
              loss: cross_entropy
              optimizer: {type: adam, lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-08, weight_decay: 0.0, amsgrad: false}
              epochs: 20
              batch_size: 32
              schedule: {type: cosine, warmup_epochs: 2, t_max: 20, min_lr: 0.0}
              clip_grad_norm: 1.0
              early_stopping: {metric: val_loss, mode: min, patience: 10, min_delta: 0.0, restore_best: false}
              threads: 1
            """)
        let again = try #require(try decode(MarkedText(text)).spec)
        // The model's nodes carry source locations and resolved initializers, so compare the train section.
        #expect(again.train == spec.train)
        #expect(ResolvedConfig.yaml(again) == text)
        // The other forms, written as Sprout reads them back.
        #expect(ResolvedConfig.loss(.huber(delta: 1)) == "{type: huber, delta: 1.0}")
        #expect(ResolvedConfig.optimizer(.rmsprop(lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0, centered: false, weightDecay: 0))
                == "{type: rmsprop, lr: 0.01, alpha: 0.99, eps: 1e-08, momentum: 0.0, centered: false, weight_decay: 0.0}")
        #expect(ResolvedConfig.schedule(ScheduleSpec(kind: .step(stepSize: 3, gamma: 0.1), warmupEpochs: 0))
                == "{type: step, warmup_epochs: 0, step_size: 3, gamma: 0.1}")
        #expect(ResolvedConfig.schedule(ScheduleSpec(kind: .exponential(gamma: 0.9), warmupEpochs: 1))
                == "{type: exponential, warmup_epochs: 1, gamma: 0.9}")
    }
}
