import Testing
@testable import SproutNN

/// Adam, AdamW and RMSprop on two parameters p = (1, -2) of the loss ½‖p‖² (so the gradient is p itself), or with
/// the gradients a test gives. Expected values worked out by hand from PyTorch's algorithms (see Adam.swift and
/// RMSprop.swift); float32 arithmetic (a few ulps lost a step in v and its square root), so compared to 5e-6.
@Suite struct AdaptiveOptimizerTests {
    static func run(_ optimizer: some Optimizer, start: [Float] = [1, -2], steps: Int,
                    gradients: [[Float]]? = nil) -> [[Float]] {
        var optimizer = optimizer
        let parameter = Parameter(name: "p", shape: [start.count])
        parameter.value = start
        var trace = [[Float]]()
        for index in 0..<steps {
            parameter.gradient = gradients?[index] ?? parameter.value
            optimizer.step([parameter])
            trace.append(parameter.value)
        }
        return trace
    }

    static func expectClose(_ actual: [[Float]], _ expected: [[Float]]) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual.joined(), expected.joined()) {
            #expect(abs(a - e) < 5e-6, "\(actual) vs \(expected)")
        }
    }

    static func adam(lr: Double = 0.1, beta2: Double = 0.999, weightDecay: Double = 0, amsgrad: Bool = false,
                     decoupled: Bool = false) throws -> Adam {
        try Adam(learningRate: lr, beta1: 0.9, beta2: beta2, eps: 1e-8, weightDecay: weightDecay, amsgrad: amsgrad,
                 decoupledWeightDecay: decoupled)
    }

    @Test func adam() throws {
        // p = 1, lr 0.1, betas (0.9, 0.999).
        // t=1: g = 1, m = 0.1, v = 0.001; m̂ = 0.1/0.1 = 1, v̂ = 0.001/0.001 = 1; p = 1 - 0.1·1/(1 + 1e-8) = 0.9
        // t=2: g = 0.9, m = 0.09 + 0.09 = 0.18, v = 0.000999 + 0.00081 = 0.001809;
        //      m̂ = 0.18/0.19 = 0.9473684, √v̂ = √(0.001809/0.001999) = 0.9512905; p = 0.9 - 0.0995877 = 0.8004123
        // t=3: g = 0.8004122, m = 0.162 + 0.0800412 = 0.2420412, v = 0.0018072 + 0.0006407 = 0.0024479;
        //      m̂ = 0.2420412/0.271 = 0.8931410, √v̂ = √(0.0024479/0.002997001) = 0.903752; p = 0.8004122 - 0.0988260 = 0.7015862
        // p = -2: t=1 p = -1.9; t=2 g = -1.9, m = -0.18 - 0.19 = -0.37, v = 0.003996 + 0.00361 = 0.007606;
        //      m̂ = -1.9473684, √v̂ = √(0.007606/0.001999) = 1.9506159; p = -1.9 + 0.0998335 = -1.8001665
        //      t=3 (same steps) p = -1.7006234
        Self.expectClose(Self.run(try Self.adam(), steps: 3),
                         [[0.9, -1.9], [0.8004122, -1.8001665], [0.7015863, -1.7006234]])
    }

    @Test func adamAddsTheWeightDecayToTheGradient() throws {
        // One parameter p = 1, constant gradient 0.5, weight_decay 0.1.
        // t=1: g = 0.5 + 0.1 = 0.6, m̂ = 0.6, √v̂ = 0.6: p = 1 - 0.1 = 0.9
        // t=2: g = 0.5 + 0.09 = 0.59, m = 0.054 + 0.059 = 0.113, v = 0.0003596 + 0.0003481 = 0.0007077;
        //      m̂ = 0.113/0.19 = 0.5947368, √v̂ = √(0.0007077/0.001999) = 0.595018; p = 0.9 - 0.0999527 = 0.8000473
        Self.expectClose(Self.run(try Self.adam(weightDecay: 0.1), start: [1], steps: 2, gradients: [[0.5], [0.5]]),
                         [[0.9], [0.8000473]])
    }

    @Test func adamWDecaysBeforeTheStep() throws {
        // weight_decay 0.1, lr 0.1: each step first multiplies p by 1 - 0.01 = 0.99.
        // t=1: p = 0.99, then g = 1 (taken before the step): p = 0.99 - 0.1 = 0.89
        // t=2: p = 0.8811, g = 0.89, m = 0.09 + 0.089 = 0.179, v = 0.000999 + 0.0007921 = 0.0017911;
        //      m̂ = 0.9421053, √v̂ = √(0.0017911/0.001999) = 0.9465717; p = 0.8811 - 0.0995279 = 0.7815721
        // p = -2: t=1 -1.98 + 0.1 = -1.88; t=2 -1.8612 + 0.0997911 = -1.7614090
        Self.expectClose(Self.run(try Self.adam(weightDecay: 0.1, decoupled: true), steps: 2),
                         [[0.89, -1.88], [0.7815719, -1.7614090]])
    }

    @Test func amsgradKeepsTheLargestSecondMoment() throws {
        // beta2 0.5, gradients 1 then 0.
        // t=1: m = 0.1, v = 0.5 = vmax; m̂ = 1, √(vmax/0.5) = 1: p = 0.9
        // t=2: m = 0.09, v = 0.25, vmax stays 0.5; m̂ = 0.09/0.19 = 0.4736842, √(0.5/0.75) = 0.8164966:
        //      p = 0.9 - 0.0580146 = 0.8419854; without amsgrad √(0.25/0.75) = 0.5773503: p = 0.9 - 0.0820445 = 0.8179555
        let gradients: [[Float]] = [[1], [0]]
        Self.expectClose(Self.run(try Self.adam(beta2: 0.5, amsgrad: true), start: [1], steps: 2, gradients: gradients),
                         [[0.9], [0.8419858]])
        Self.expectClose(Self.run(try Self.adam(beta2: 0.5), start: [1], steps: 2, gradients: gradients),
                         [[0.9], [0.8179555]])
    }

    @Test func rmsprop() throws {
        // lr 0.01, alpha 0.99. p = 1: t=1 v = 0.01, p = 1 - 0.01·1/0.1 = 0.9
        // t=2: g = 0.9, v = 0.0099 + 0.0081 = 0.018, √v = 0.1341641; p = 0.9 - 0.01·0.9/0.1341641 = 0.8329180
        // p = -2: t=1 v = 0.04, p = -2 + 0.01·2/0.2 = -1.9; t=2 v = 0.0396 + 0.0361 = 0.0757, √v = 0.2751363,
        //      p = -1.9 + 0.01·1.9/0.2751363 = -1.8309433
        let optimizer = try RMSprop(learningRate: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0, centered: false,
                                    weightDecay: 0)
        Self.expectClose(Self.run(optimizer, steps: 2), [[0.9, -1.9], [0.8329180, -1.8309433]])
    }

    @Test func rmspropCenteredWithMomentum() throws {
        // lr 0.01, alpha 0.99, momentum 0.9, centered. p = 1:
        // t=1: v = 0.01, gAvg = 0.01, denom = √(0.01 - 0.0001) = 0.0994987; b = 1/0.0994987 = 10.0503782;
        //      p = 1 - 0.1005038 = 0.8994962
        // t=2: g = 0.8994962, v = 0.0099 + 0.0080909 = 0.0179909, gAvg = 0.0099 + 0.0089950 = 0.0188950;
        //      denom = √(0.0179909 - 0.0003570) = 0.1327928; b = 9.0453404 + 6.7736578 = 15.8189982;
        //      p = 0.8994962 - 0.1581900 = 0.7413062 (float64 reference 0.7413060)
        let optimizer = try RMSprop(learningRate: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0.9, centered: true,
                                    weightDecay: 0)
        Self.expectClose(Self.run(optimizer, start: [1], steps: 2), [[0.8994962], [0.7413060]])
    }

    @Test func rmspropWeightDecay() throws {
        // Constant gradient 0.5, weight_decay 0.5, lr 0.01, alpha 0.99. t=1: g = 0.5 + 0.5 = 1, v = 0.01: p = 0.9
        // t=2: g = 0.5 + 0.45 = 0.95, v = 0.0099 + 0.009025 = 0.018925, √v = 0.1375682; p = 0.9 - 0.0690567 = 0.8309433
        let optimizer = try RMSprop(learningRate: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0, centered: false,
                                    weightDecay: 0.5)
        Self.expectClose(Self.run(optimizer, start: [1], steps: 2, gradients: [[0.5], [0.5]]), [[0.9], [0.8309433]])
    }

    @Test func argumentsCheckedOnce() throws {
        #expect(throws: OptimizerError.invalidBeta(1)) {
            try Adam(learningRate: 0.1, beta1: 1, beta2: 0.9, eps: 1e-8, weightDecay: 0, amsgrad: false,
                     decoupledWeightDecay: false)
        }
        #expect(throws: OptimizerError.invalidEpsilon(0)) {
            try Adam(learningRate: 0.1, beta1: 0.9, beta2: 0.9, eps: 0, weightDecay: 0, amsgrad: false,
                     decoupledWeightDecay: true)
        }
        #expect(throws: OptimizerError.invalidAlpha(-0.5)) {
            try RMSprop(learningRate: 0.1, alpha: -0.5, eps: 1e-8, momentum: 0, centered: false, weightDecay: 0)
        }
        var adam = try Self.adam()
        try adam.setLearningRate(0)
        #expect(adam.learningRate == 0)
        #expect(throws: OptimizerError.invalidLearningRate(-1)) { try adam.setLearningRate(-1) }
    }
}
