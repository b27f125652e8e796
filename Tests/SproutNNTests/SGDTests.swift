import Testing
@testable import SproutNN

/// One parameter p = 1 with a constant gradient g = 0.5 and lr = 0.1; expected values worked out by hand from
/// PyTorch's algorithm (see SGD.swift). Float32 arithmetic, so compared to 1e-6.
@Suite struct SGDTests {
    static func run(_ optimizer: SGD, steps: Int) -> [Float] {
        var optimizer = optimizer
        let parameter = Parameter(name: "p", shape: [1])
        parameter.value = [1]
        var trace = [Float]()
        for _ in 0..<steps {
            parameter.gradient = [0.5]
            optimizer.step([parameter])
            trace.append(parameter.value[0])
        }
        return trace
    }

    static func expectClose(_ actual: [Float], _ expected: [Float]) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) { #expect(abs(a - e) < 1e-6, "\(actual) vs \(expected)") }
    }

    @Test func plain() throws {
        // p1 = 1 - 0.1*0.5 = 0.95; p2 = 0.95 - 0.05 = 0.9
        Self.expectClose(Self.run(try makeSGD(learningRate: 0.1), steps: 2), [0.95, 0.9])
    }

    @Test func momentum() throws {
        // b1 = g = 0.5, p1 = 0.95; b2 = 0.9*0.5 + 0.5 = 0.95, p2 = 0.95 - 0.095 = 0.855
        Self.expectClose(Self.run(try makeSGD(learningRate: 0.1, momentum: 0.9), steps: 2), [0.95, 0.855])
    }

    @Test func nesterov() throws {
        // b1 = 0.5, u1 = 0.5 + 0.9*0.5 = 0.95, p1 = 0.905; b2 = 0.95, u2 = 0.5 + 0.855 = 1.355, p2 = 0.7695
        Self.expectClose(Self.run(try makeSGD(learningRate: 0.1, momentum: 0.9, nesterov: true), steps: 2), [0.905, 0.7695])
    }

    @Test func weightDecay() throws {
        // g1 = 0.5 + 0.1*1 = 0.6, p1 = 0.94; g2 = 0.5 + 0.094 = 0.594, p2 = 0.94 - 0.0594 = 0.8806
        Self.expectClose(Self.run(try makeSGD(learningRate: 0.1, weightDecay: 0.1), steps: 2), [0.94, 0.8806])
    }

    @Test func momentumWithWeightDecayAndDampening() throws {
        // g1 = 0.6, b1 = 0.6 (no dampening on the first step), p1 = 0.94
        // g2 = 0.5 + 0.094 = 0.594, b2 = 0.9*0.6 + 0.5*0.594 = 0.837, p2 = 0.94 - 0.0837 = 0.8563
        Self.expectClose(Self.run(try makeSGD(learningRate: 0.1, momentum: 0.9, dampening: 0.5, weightDecay: 0.1), steps: 2),
                         [0.94, 0.8563])
    }

    @Test func argumentsCheckedOnce() {
        #expect(throws: SGDError.invalidLearningRate(0)) { try makeSGD(learningRate: 0) }
        #expect(throws: SGDError.invalidLearningRate(-1)) { try makeSGD(learningRate: -1) }
        #expect(throws: SGDError.invalidLearningRate(.infinity)) { try makeSGD(learningRate: .infinity) }
        #expect(throws: (any Error).self) { try makeSGD(learningRate: .nan) }
        #expect(throws: SGDError.invalidMomentum(-0.1)) { try makeSGD(learningRate: 0.1, momentum: -0.1) }
        #expect(throws: SGDError.invalidWeightDecay(-1)) { try makeSGD(learningRate: 0.1, weightDecay: -1) }
        #expect(throws: SGDError.nesterovNeedsMomentumWithoutDampening) { try makeSGD(learningRate: 0.1, nesterov: true) }
        #expect(throws: SGDError.nesterovNeedsMomentumWithoutDampening) {
            try makeSGD(learningRate: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true)
        }
        var sgd = try? makeSGD(learningRate: 0.1)
        #expect(throws: SGDError.invalidLearningRate(-1)) { try sgd?.setLearningRate(-1) }
        #expect(throws: SGDError.invalidLearningRate(.infinity)) { try sgd?.setLearningRate(.infinity) }
        #expect(sgd?.learningRate == 0.1)
    }
}
