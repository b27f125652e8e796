import Testing
@testable import SproutNN

/// Forward values of the new activations against reference values computed in double precision with Python's
/// `math` module from PyTorch's documented formulas (torch.nn docs: LeakyReLU, ELU, SELU with its constants, GELU
/// both forms, Softsign, Softplus), so a formula that is self-consistent (its gradient check passes) but not
/// PyTorch's is caught. Tolerance: a few float32 ulps.
@Suite struct ActivationValueTests {
    static func value(_ kind: Activation, _ x: Float) throws -> Float {
        let network = try Network(inputWidth: 1, nodes: [NodeSpec(name: "act", operation: .activation(kind))],
                                  output: "act")
        return try network.forward([x], batch: 1)[0]
    }

    @Test(arguments: [
        (Activation.leakyRelu(negativeSlope: 0.01), Float(-2), Float(-0.02)),
        (.leakyRelu(negativeSlope: 0.01), 3, 3),
        (.elu(alpha: 1), -1, -0.6321206),
        (.selu, -1, -1.1113307),
        (.selu, 2, 2.1014020),
        (.gelu(tanhApproximation: false), 1, 0.8413447),
        (.gelu(tanhApproximation: true), 1, 0.8411920),
        (.softsign, 3, 0.75),
        (.softplus(beta: 1, threshold: 20), 1, 1.3132616),
        (.softplus(beta: 2, threshold: 20), -1, 0.0634640),
        (.softplus(beta: 1, threshold: 20), 30, 30),  // beta·x above the threshold: y = x
    ])
    func matchesReference(kind: Activation, x: Float, expected: Float) throws {
        let y = try Self.value(kind, x)
        #expect(abs(y - expected) <= 2e-6 * max(1, abs(expected)), "\(kind)(\(x)) = \(y), reference \(expected)")
    }
}
