#if os(Linux)
import AllocationCounter
import Foundation
import SproutConfig
import Testing
@testable import SproutNN
@testable import SproutRuns
@testable import SproutTraining

/// The engine's promise (Trainer, Network, Optimizer): "no heap allocation inside the training step: buffers are
/// sized once per network and batch size". A training epoch after the first (whose first optimizer step creates
/// the optimizer's state) must make no heap allocation at all on the training thread: not in gathering the batch,
/// forward, loss, zero-grad, backward, clipping, the schedule or the optimizer step, and not in the last, partial
/// batch either (every case has a sample count not divisible by its batch size).
///
/// The cases are tiny (a debug build is 80-190 times slower than release) but each reaches a different part of the
/// engine: every optimizer and its options, the activations with their own kernels, dropout, both norms, both
/// merges, both classification losses, clipping and a warm-up schedule; each runs with and without measuring the
/// gradient norm, which takes a different branch of the epoch.
///
/// The promise holds for the debug build `swift test` makes, not only for release: there, generic standard-library
/// code is not specialized, and iterating an array through it (`for x in array`, `enumerated()`, `zip`,
/// `contains(where:)`, `reversed()`) reads each element through a coroutine whose frame is malloc'd. To find an
/// allocation: `gdb --args .build/debug/SproutPackageTests.xctest --testing-library swift-testing --filter
/// AllocationTests`, `break sprout_allocation_counted`, `run`, `bt` (only counted allocations stop there).
@Suite struct AllocationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// The config's model and train sections (data is shared: 50 xor examples, batches of 16, 16, 16, 2).
        let body: String
        /// The data section: 50 examples, so that batches of 16 end with a partial one.
        var data = "{source: xor, samples: 50, noise: 0.1}"
        var testDescription: String { name }

        var yaml: String {
            """
            name: allocation-\(name)
            seed: 7
            data: \(data)
            \(body)

            """
        }
    }

    static let cases: [Case] = [
        Case(name: "sgd-momentum-relu", body: """
            model:
              layers: [{type: dense, units: 6}, relu, {type: dense, units: 2}]
            train:
              loss: cross_entropy
              optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
              epochs: 3
              batch_size: 16
            """),
        // Three dense layers of 6 x 6 (and every bias of 6) borrow shared gradient arrays in a fused step
        // (GradientLending); the relus run in place (InPlacePlan).
        Case(name: "sgd-momentum-repeated-blocks-shared-gradients", body: """
            model:
              layers:
                - {name: stem, type: dense, units: 6}
                - repeat: 3
                  name: block
                  layers: [{name: fc, type: dense, units: 6}, {name: act, type: relu}]
                - {name: out, type: dense, units: 2}
            train:
              loss: cross_entropy
              optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
              epochs: 3
              batch_size: 16
            """),
        Case(name: "sgd-nesterov-weight-decay-tanh-bce", body: """
            model:
              layers: [{type: dense, units: 6}, tanh, {type: dense, units: 1}]
            train:
              loss: binary_cross_entropy
              optimizer: {type: sgd, lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.001}
              epochs: 3
              batch_size: 16
            """),
        // A residual repeat block (add of the normalized input and the dropout output), layer_norm, gelu, dropout; adam
        // with clipping and a cosine schedule still warming up in the counted epoch (epoch 2 of warmup_epochs 2).
        Case(name: "adam-repeat-add-layer-norm-gelu-dropout-clip-cosine-warmup", body: """
            model:
              layers:
                - {name: stem, type: dense, units: 6}
                - repeat: 2
                  name: block
                  layers:
                    - {name: norm, type: layer_norm}
                    - {name: proj, type: dense, units: 6}
                    - {name: act, type: gelu}
                    - {name: drop, type: dropout, rate: 0.2}
                    - {name: res, type: add, inputs: [norm, drop]}
                - {name: out, type: dense, units: 2}
            train:
              loss: cross_entropy
              optimizer: {type: adam, lr: 0.01}
              schedule: {type: cosine, warmup_epochs: 2}
              clip_grad_norm: 0.5
              epochs: 4
              batch_size: 16
            """),
        Case(name: "adam-amsgrad-gelu-tanh-approximation", body: """
            model:
              layers: [{type: dense, units: 6}, {type: gelu, approximate: tanh}, {type: dense, units: 2}]
            train:
              loss: cross_entropy
              optimizer: {type: adam, lr: 0.01, amsgrad: true, weight_decay: 0.001}
              epochs: 3
              batch_size: 16
            """),
        // Two branches from the stem, one through batch_norm and softplus, joined by concat.
        Case(name: "adamw-batch-norm-softplus-concat", body: """
            model:
              layers:
                - {name: stem, type: dense, units: 6}
                - {name: bn, type: batch_norm}
                - {name: soft, type: softplus}
                - {name: side, type: dense, units: 4, inputs: [stem]}
                - {name: both, type: concat, inputs: [soft, side]}
                - {name: out, type: dense, units: 1}
            train:
              loss: binary_cross_entropy
              optimizer: {type: adamw, lr: 0.01}
              schedule: {type: step, step_size: 1, gamma: 0.5}
              epochs: 3
              batch_size: 16
            """),
        Case(name: "rmsprop-centered-momentum-clip", body: """
            model:
              layers: [{type: dense, units: 6}, relu, {type: dropout, rate: 0.1}, {type: dense, units: 2}]
            train:
              loss: cross_entropy
              optimizer: {type: rmsprop, lr: 0.01, centered: true, momentum: 0.9, weight_decay: 0.001}
              clip_grad_norm: 1.0
              epochs: 3
              batch_size: 16
            """),
        // Regression: targets instead of labels, through each regression loss (teacher_regression's 2 outputs).
        Case(name: "sgd-tanh-mse-sine", body: """
            model:
              layers: [{type: dense, units: 6}, tanh, {type: dense, units: 1}]
            train:
              loss: mse
              optimizer: {type: sgd, lr: 0.05, momentum: 0.9}
              epochs: 3
              batch_size: 16
            """, data: "{source: sine, samples: 50}"),
        Case(name: "adam-relu-huber-clip-teacher-regression", body: """
            model:
              layers: [{type: dense, units: 6}, relu, {type: dense, units: 2}]
            train:
              loss: {type: huber, delta: 0.5}
              optimizer: {type: adam, lr: 0.01}
              clip_grad_norm: 1.0
              epochs: 3
              batch_size: 16
            """, data: "{source: teacher_regression, samples: 50, features: 3, hidden: 4, outputs: 2}"),
        Case(name: "rmsprop-mae-sine", body: """
            model:
              layers: [{type: dense, units: 6}, tanh, {type: dense, units: 1}]
            train:
              loss: mae
              optimizer: rmsprop
              epochs: 3
              batch_size: 16
            """, data: "{source: sine, samples: 50, validation: 0.1}"),
        Case(name: "rmsprop-plain-exponential", body: """
            model:
              layers: [{type: dense, units: 6}, tanh, {type: dense, units: 2}]
            train:
              loss: cross_entropy
              optimizer: rmsprop
              schedule: {type: exponential, gamma: 0.9}
              epochs: 3
              batch_size: 16
            """),
        // Images: every image node (conv2d with 'same' padding, groups, stride and dilation; both pools; batch_norm
        // per channel and layer_norm over [C, H, W]; add and concat of images; global_avg_pool and flatten), on 50
        // teacher examples as [1, 4, 4] images.
        Case(name: "sgd-conv-pools-norms-merges", body: """
            model:
              layers:
                - {name: stem, type: conv2d, filters: 4, kernel_size: 3, padding: same}
                - {name: bn, type: batch_norm}
                - relu
                - {name: grouped, type: conv2d, filters: 4, kernel_size: 3, padding: 1, groups: 2, bias: false}
                - {name: dilated, type: conv2d, filters: 4, kernel_size: 2, dilation: 2, padding: [1, 1], inputs: relu1}
                - {name: sum, type: add, inputs: [grouped, dilated]}
                - {name: both, type: concat, inputs: [sum, relu1]}
                - {name: norm, type: layer_norm}
                - {name: down, type: conv2d, filters: 4, kernel_size: 2, stride: 2}
                - {name: maxp, type: max_pool2d, kernel_size: 2, stride: 1, padding: 1}
                - {name: avgp, type: avg_pool2d, kernel_size: 2, stride: 1, count_include_pad: false, padding: 1}
                - {name: gap, type: global_avg_pool}
                - {name: flat, type: flatten, inputs: maxp}
                - {name: joined, type: concat, inputs: [gap, flat]}
                - {name: out, type: dense, units: 2}
            train:
              loss: cross_entropy
              optimizer: {type: sgd, lr: 0.05, momentum: 0.9}
              epochs: 3
              batch_size: 16
            """, data: "{source: teacher, samples: 50, features: 16, classes: 2, shape: [1, 4, 4]}"),
        // A constant conv start: its products go through the tie-preserving kernel instead of OpenBLAS.
        Case(name: "adam-constant-conv-tie-preserving", body: """
            model:
              layers:
                - {name: conv, type: conv2d, filters: 3, kernel_size: 3, padding: 1, weight_init: {type: constant, value: 0.1}}
                - tanh
                - {type: max_pool2d, kernel_size: 2}
                - flatten
                - {name: out, type: dense, units: 2}
            train:
              loss: cross_entropy
              optimizer: {type: adam, lr: 0.01}
              epochs: 3
              batch_size: 16
            """, data: "{source: teacher, samples: 50, features: 16, classes: 2, shape: [1, 4, 4]}"),
    ]

    /// A Trainer for `yaml`, loaded as `sprout run` loads a file.
    static func trainer(_ yaml: String) throws -> Trainer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-allocation-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("config.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = ConfigLoader.load(path: path)
        let spec = try #require(loaded.spec, "\(loaded.diagnostics)")
        return try Trainer(spec: spec)
    }

    @Test(arguments: cases, [false, true])
    func aTrainingEpochAllocatesNothing(_ testCase: Case, measuringGradientNorm: Bool) throws {
        let trainer = try Self.trainer(testCase.yaml)
        // The last batch is a partial one, so its smaller-batch path is counted too.
        #expect(trainer.data.count % trainer.spec.train.batchSize != 0)
        // The first epoch's first step creates the optimizer's state (every case has some: momentum, Adam's
        // moments, RMSprop's averages): the counter must see that, through the same calls as the epoch checked below.
        let warmUp = try countingAllocations { try trainer.trainEpoch(1, measuringGradientNorm: measuringGradientNorm) }
        #expect(warmUp.allocations > 0)
        // A fresh buffer, not a shared copy of `value`: sharing would make the optimizer's first write of each
        // parameter copy it (copy-on-write), an allocation the test itself caused.
        let before = trainer.network.parameters.map { parameter in parameter.value.withUnsafeBufferPointer(Array.init) }

        let (result, allocations) = try countingAllocations {
            try trainer.trainEpoch(2, measuringGradientNorm: measuringGradientNorm)
        }

        #expect(allocations == 0)
        // The epoch really trained (a region that did nothing would allocate nothing too).
        #expect(trainer.network.parameters.map(\.value) != before)
        guard case .trained(let meanLoss, let gradientNorm) = result else {
            Issue.record("diverged: \(result)")
            return
        }
        #expect(meanLoss.isFinite && meanLoss > 0)
        #expect(measuringGradientNorm ? gradientNorm > 0 : gradientNorm == 0)
    }
}

/// A dense layer's product whose shape is met past its full kernel table (`SmallProducts`) is dispatched on every
/// call, in the step: after the first call, which generates the code, that must be a lookup in libxsmm's registry
/// that allocates nothing (the Swift side included: its range check once built an array per call).
@Suite struct SmallProductsAllocationTests {
    @Test func aShapePastAFullTableAllocatesNothing() {
        let products = SmallProducts()
        for size in 1...SmallProducts.capacity {
            products.prepare(transA: false, transB: false, m: size, n: 3, k: 2, lda: 2, ldb: 3, ldc: 3, beta: 1)
        }
        #expect(products.count == SmallProducts.capacity)
        let first = products.kernel(transA: false, transB: false, m: 40, n: 3, k: 2, lda: 2, ldb: 3, ldc: 3, beta: 0)
        sprout_allocations_begin()
        let again = products.kernel(transA: false, transB: false, m: 40, n: 3, k: 2, lda: 2, ldb: 3, ldc: 3, beta: 0)
        let allocations = sprout_allocations_end()
        #expect(first != nil && again != nil)
        #expect(allocations == 0)
    }
}
#endif
