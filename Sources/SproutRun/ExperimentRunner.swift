import Foundation
import SproutConfig

/// What one finished run reports back to the CLI.
public struct RunSummary: Sendable {
    public var name: String
    public var directory: String
    public var outcome: RunOutcome
    /// The last logged training loss and accuracy.
    public var finalLoss: Double
    public var finalAccuracy: Double?
    /// The epoch early stopping ended a completed run at (metrics.csv ends with its row); nil: every epoch ran.
    public var stoppedEarlyAt: Int?
}

/// Runs one experiment into `runs/<name>/`.
public enum ExperimentRunner {
    /// Trains `spec` and writes `<runsDirectory>/<runPath>/metrics.csv` (runPath: the name, and a sweep's
    /// variant below it). `progress` receives one line per logged epoch.
    public static func run(_ spec: ExperimentSpec, runsDirectory: String,
                           progress: (String) -> Void = { _ in }) throws -> RunSummary {
        // Build everything that can fail before touching the run directory, so a failure leaves the previous
        // run's files as they were.
        try EngineSupport.check(spec)
        let trainer = try Trainer(spec: spec)
        let directory = (runsDirectory as NSString).appendingPathComponent(spec.runPath)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RunError.cannotWrite(path: directory, reason: RunError.reason(error))
        }
        let metricsPath = (directory as NSString).appendingPathComponent("metrics.csv")
        let metrics = try CSVWriter(path: metricsPath, columns: MetricsRow.columns)
        var last: MetricsRow?
        let width = String(spec.train.epochs).count
        let outcome = try trainer.run { row in
            try metrics.write(row: row.fields)
            last = row
            let epoch = String(repeating: " ", count: width - String(row.epoch).count) + String(row.epoch)
            let accuracy = row.trainAccuracy.map { String(format: "  accuracy %.3f", $0) } ?? ""
            progress("\(spec.runPath)  epoch \(epoch)/\(spec.train.epochs)  loss \(String(format: "%.4f", row.trainLoss))\(accuracy)")
        }
        return RunSummary(name: spec.runPath, directory: directory, outcome: outcome,
                          finalLoss: last?.trainLoss ?? .nan, finalAccuracy: last?.trainAccuracy,
                          stoppedEarlyAt: trainer.stoppedEarlyAt)
    }
}
