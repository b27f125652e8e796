import Testing
import SproutConfig
@testable import SproutRuns
@testable import SproutTraining

/// Sequences worked by hand against the rule in EarlyStopping.swift.
@Suite struct EarlyStoppingTests {
    /// The first epoch (of `values`, one per epoch from 0) at which training stops, or nil.
    static func stop(_ spec: EarlyStoppingSpec, _ values: [Double], every: Int = 1) -> Int? {
        var stopping = EarlyStopping(spec)
        for (index, value) in values.enumerated() where stopping.shouldStop(epoch: index * every, value: value) {
            return index * every
        }
        return nil
    }

    @Test func minModeWithMinDelta() {
        // best 1.0 (epoch 0); 0.95 improves by 0.05 > 0.01 (epoch 1); 0.945 and 0.941 beat it by < 0.01: no
        // improvement at epochs 2, 3; patience 2 runs out at epoch 3 (3 − 1 = 2).
        let spec = EarlyStoppingSpec(metric: .trainLoss, mode: .min, patience: 2, minDelta: 0.01)
        #expect(Self.stop(spec, [1.0, 0.95, 0.945, 0.941, 0.5]) == 3)
        // Without min_delta each of them improves: no stop.
        let plain = EarlyStoppingSpec(metric: .trainLoss, mode: .min, patience: 2, minDelta: 0)
        #expect(Self.stop(plain, [1.0, 0.95, 0.945, 0.941, 0.5]) == nil)
    }

    @Test func maxModeForAccuracy() {
        // 0.5, 0.75 (best, epoch 1), 0.75 (equal: no improvement), 0.7, stop at epoch 1 + 3 = 4
        let spec = EarlyStoppingSpec(metric: .trainAccuracy, mode: .max, patience: 3, minDelta: 0)
        #expect(Self.stop(spec, [0.5, 0.75, 0.75, 0.7, 0.74, 1.0]) == 4)
    }

    @Test func patienceCountsEpochsNotLoggedRows() {
        // Logged every 5 epochs: 0, 5, 10. Best at epoch 0; at epoch 5, 5 − 0 = 5 ≥ patience 3: stop at 5, the first
        // logged epoch after the patience ran out (a count of rows would wait until epoch 15).
        let spec = EarlyStoppingSpec(metric: .trainLoss, mode: .min, patience: 3, minDelta: 0)
        #expect(Self.stop(spec, [1.0, 1.0, 1.0], every: 5) == 5)
    }

    @Test func nanNeverImproves() {
        let spec = EarlyStoppingSpec(metric: .valLoss, mode: .min, patience: 1, minDelta: 0)
        #expect(Self.stop(spec, [1.0, .nan]) == 1)
    }
}
