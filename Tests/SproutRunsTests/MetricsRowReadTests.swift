import Foundation
import Testing
@testable import SproutRuns

/// A killed run's metrics.csv read back: the last complete row, never the torn one after it.
@Suite struct MetricsRowReadTests {
    @Test func theLastCompleteRowIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-metrics-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
            epoch,step,learning_rate,train_loss,train_accuracy,val_loss,val_accuracy,grad_norm,seconds
            0,0,0.1,0.693,0.5,,,,0.001
            1,13,0.1,0.41,0.8125,,,0.5,0.010
            2,26,0.1,0.25,0.9375,,,0.25,0.020
            3,39,0.1,0.1
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let row = try #require(MetricsRow.lastRecorded(in: path))
        #expect(row.epoch == 2 && row.step == 26 && row.trainLoss == 0.25 && row.trainAccuracy == 0.9375)
        #expect(row.validationLoss == nil && row.gradientNorm == 0.25)
    }

    @Test func aFileWithoutRowsGivesNothing() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-metrics-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(MetricsRow.lastRecorded(in: path) == nil)
        try "epoch,step,learning_rate,train_loss,train_accuracy,val_loss,val_accuracy,grad_norm,seconds\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(MetricsRow.lastRecorded(in: path) == nil)
    }
}
