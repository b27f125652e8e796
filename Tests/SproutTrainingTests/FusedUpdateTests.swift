import Foundation
import SproutConfig
import Testing
@testable import SproutRuns
@testable import SproutTraining

/// A step without clipping updates each parameter inside backward, as soon as its gradient is complete
/// (`Trainer.trainStep`); the plain order is backward for every node first, then the optimizer over every parameter.
/// Each element's update is the same arithmetic in both, so two trainers from one config, one in each order, must
/// end every epoch with bit-identical parameters, and report the same losses.
@Suite struct FusedUpdateTests {
    /// The allocation cases without clipping (clipping always takes the plain order), plus a network with a node the
    /// output does not depend on (its parameters are never reached by backward, but are still updated: weight decay).
    static let cases: [AllocationTests.Case] = AllocationTests.cases.filter { !$0.body.contains("clip_grad_norm") } + [
        AllocationTests.Case(name: "sgd-weight-decay-unused-branch", body: """
            model:
              layers:
                - {name: stem, type: dense, units: 5}
                - {name: unused, type: dense, units: 3, inputs: [stem]}
                - {name: act, type: relu, inputs: [stem]}
                - {name: out, type: dense, units: 2}
              output: out
            train:
              loss: cross_entropy
              optimizer: {type: sgd, lr: 0.1, momentum: 0.9, weight_decay: 0.01}
              epochs: 3
              batch_size: 16
            """),
    ]

    @Test(arguments: cases)
    func fusedAndPlainOrdersAgreeBitForBit(_ testCase: AllocationTests.Case) throws {
        let fused = try AllocationTests.trainer(testCase.yaml)
        let plain = try AllocationTests.trainer(testCase.yaml)
        plain.fusesUpdates = false
        #expect(fused.spec.train.clipGradNorm == nil)
        for epoch in 1...3 {
            let a = try fused.trainEpoch(epoch, measuringGradientNorm: false)
            let b = try plain.trainEpoch(epoch, measuringGradientNorm: false)
            #expect(a == b, "epoch \(epoch)")
            for (p, q) in zip(fused.network.parameters, plain.network.parameters) {
                #expect(p.value == q.value, "epoch \(epoch): \(p.name) differs")
            }
        }
        // The parameters moved (two trainers that did nothing would agree too).
        let untouched = try AllocationTests.trainer(testCase.yaml)
        #expect(fused.network.parameters.map(\.value) != untouched.network.parameters.map(\.value))
    }
}
