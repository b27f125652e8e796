import Testing
@testable import SproutRuns

/// The console's numbers: a small loss keeps four significant digits (worked out by hand below), and the progress
/// line a worker sends carries the validation metrics to the batch unchanged.
@Suite struct RunProgressTests {
    @Test func smallLossesKeepFourSignificantDigits() {
        // (value, by hand): four decimals from 0.001 up; below, decimals until four significant digits show.
        let cases: [(Double, String)] = [
            (0.6931, "0.6931"), (1.25, "1.2500"), (0.001, "0.0010"), (0.00099999, "0.001000"),
            (0.00037345471059016864, "0.0003735"), (0.0000123456, "0.00001235"), (0, "0.0000"),
            (-0.0005, "-0.0005000"), (.infinity, "inf"), (.nan, "nan"), (1e-300, "0.000000000000"),
        ]
        for (value, expected) in cases { #expect(RunProgress.loss(value) == expected, "\(value)") }
    }

    @Test func theWireCarriesValidationMetrics() {
        let sent = RunProgress(name: "wine", epoch: 3, epochs: 10, loss: 0.25, accuracy: 0.875, validationLoss: 0.3125,
                               validationAccuracy: 0.75, elapsed: 1.5, logged: true)
        let read = RunProgress(wireLine: sent.wireLine)
        #expect(read?.validationLoss == 0.3125 && read?.validationAccuracy == 0.75 && read?.accuracy == 0.875)
        #expect(read?.line == "wine  epoch  3/10  loss 0.2500  accuracy 0.875  val loss 0.3125  val accuracy 0.750")
        let none = RunProgress(name: "xor", epoch: 1, epochs: 1, loss: 0.0004, accuracy: nil, elapsed: 0, logged: false)
        #expect(RunProgress(wireLine: none.wireLine)?.line == "xor  epoch 1/1  loss 0.0004000")
    }
}
