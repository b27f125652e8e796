import Foundation
import Testing
import SproutConfig
@testable import SproutRuns
@testable import SproutTraining

/// Rates worked out by hand from the formulas of docs/config.md ("Learning-rate schedules").
@Suite struct LearningRateScheduleTests {
    static func schedule(_ kind: ScheduleKind, base: Double = 0.1, warmup: Int = 0,
                         stepsPerEpoch: Int = 4) -> LearningRateSchedule {
        LearningRateSchedule(base: base, schedule: ScheduleSpec(kind: kind, warmupEpochs: warmup),
                             stepsPerEpoch: stepsPerEpoch)
    }

    static func expectClose(_ actual: [Double], _ expected: [Double]) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) { #expect(abs(a - e) < 1e-12, "\(actual) vs \(expected)") }
    }

    @Test func constant() {
        #expect((0..<5).map { Self.schedule(.constant).epochRate($0) } == [0.1, 0.1, 0.1, 0.1, 0.1])
    }

    @Test func stepDecaysEveryStepSizeEpochs() {
        // 0.1·0.5^⌊e/2⌋ for e = 0...5: 0.1, 0.1, 0.05, 0.05, 0.025, 0.025
        let s = Self.schedule(.step(stepSize: 2, gamma: 0.5))
        Self.expectClose((0..<6).map(s.epochRate), [0.1, 0.1, 0.05, 0.05, 0.025, 0.025])
    }

    @Test func exponential() {
        // 0.1·0.9^e: 0.1, 0.09, 0.081
        let s = Self.schedule(.exponential(gamma: 0.9))
        Self.expectClose((0..<3).map(s.epochRate), [0.1, 0.09, 0.081])
    }

    @Test func cosineStaysAtMinAfterTMax() {
        // tMax 4, min 0.02, lr 0.1: 0.02 + 0.08·(1 + cos(πe/4))/2
        // e=0: 0.1; e=1: 0.02 + 0.04·(1 + √2/2) = 0.02 + 0.0682843 = 0.0882843; e=2: 0.02 + 0.04 = 0.06;
        // e=3: 0.02 + 0.04·(1 − √2/2) = 0.0317157; e=4, 5, 6: 0.02
        let s = Self.schedule(.cosine(tMax: 4, minLR: 0.02))
        let h = 0.04 * 2.0.squareRoot() / 2
        Self.expectClose((0..<7).map(s.epochRate), [0.1, 0.06 + h, 0.06, 0.06 - h, 0.02, 0.02, 0.02])
    }

    @Test func warmUpRisesFromZeroStepByStep() {
        // 2 warm-up epochs of 4 steps: W = 8; rate(s) = epochRate(e)·s/8 for s < 8.
        // exponential 0.5 from 0.1: epoch 0 (steps 0-3): 0, 0.0125, 0.025, 0.0375;
        // epoch 1 (steps 4-7) at 0.05: 0.05·4/8 = 0.025, 0.03125, 0.0375, 0.04375; epoch 2 (step 8): 0.025, no warm-up
        let s = Self.schedule(.exponential(gamma: 0.5), warmup: 2)
        let rates = (0..<9).map { s.rate(epoch: $0 / 4, step: $0) }
        Self.expectClose(rates, [0, 0.0125, 0.025, 0.0375, 0.025, 0.03125, 0.0375, 0.04375, 0.025])
    }
}
