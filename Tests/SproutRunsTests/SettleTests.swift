import Foundation
import Testing
@testable import SproutRuns

/// A dead worker's run.json settled from what the run wrote: its own metrics.csv, never the previous run's.
@Suite struct SettleTests {
    static let metrics = """
        epoch,step,learning_rate,train_loss,train_accuracy,val_loss,val_accuracy,grad_norm,seconds
        0,0,0.1,0.693,0.5,,,,0.001
        1,13,0.1,0.41,0.8125,,,0.5,0.010

        """

    /// `started`: when the record says the run started, against metrics.csv written just before the call.
    static func settle(started: Date) throws -> RunRecord? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-settle-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try metrics.write(toFile: directory + "/metrics.csv", atomically: false, encoding: .utf8)
        var record = PlannedRuns.record(.running, pid: 4242)
        record.started = started
        try record.write(to: directory + "/run.json")
        return try RunRecord.settle(directory: directory, worker: 4242, reason: "killed", epochSeen: nil)
    }

    @Test func theRunsOwnMetricsAreKept() throws {
        let record = try #require(try Self.settle(started: Date().addingTimeInterval(-60)))
        #expect(record.status == .failed && record.error == "killed")
        #expect(record.final?.epoch == 1 && record.final?.trainLoss == 0.41 && record.epochsCompleted == 1)
        #expect(record.steps == 13)
    }

    /// Killed before it replaced metrics.csv: the file predates the run, so none of it is the run's.
    @Test func aPreviousRunsMetricsAreNot() throws {
        let record = try #require(try Self.settle(started: Date().addingTimeInterval(60)))
        #expect(record.status == .failed && record.final == nil && record.epochsCompleted == 0)
    }
}
