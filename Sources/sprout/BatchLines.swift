import SproutRuns

/// The lines a batch prints about its runs.
enum BatchLines {
    /// `[3/20] symmetry/zeros: completed in 0:02, loss 0.6931, accuracy 0.500 -> runs/symmetry/zeros` (and `val
    /// loss 0.7012, val accuracy 0.480` with a validation set, `test accuracy 0.972` (regression: `test loss
    /// 0.0123`) with a test split; a small loss to four significant digits); with how a
    /// run ended early: `completed (stopped early at epoch 12)`, `diverged at epoch 3, step 40 (the loss is not
    /// finite)`, `interrupted by SIGINT after epoch 5`, `failed ...: message`.
    static func finished(_ done: BatchScheduler.Finished, count: Int, total: Int) -> String {
        let record = done.record
        var text = "[\(count)/\(total)] \(done.run.name): \(done.status.rawValue)"
        if let epoch = record?.stoppedEarlyAt { text += " (stopped early at epoch \(epoch))" }
        if let at = record?.divergedAt { text += " at epoch \(at.epoch), step \(at.step) (the loss is not finite)" }
        if let signal = record?.interruptedBy { text += " by \(signal) after epoch \(record?.epochsCompleted ?? 0)" }
        text += " in \(RunProgress.clock(done.seconds))"
        if done.status == .failed || done.status == .notRun { return text + ": \(done.note)" }
        let final = record?.final
        if let loss = final?.trainLoss, loss.isFinite { text += ", loss \(RunProgress.loss(loss))" }
        if let accuracy = final?.trainAccuracy { text += ", accuracy \(RunProgress.fixed(accuracy, 3))" }
        if let loss = final?.validationLoss, loss.isFinite { text += ", val loss \(RunProgress.loss(loss))" }
        if let accuracy = final?.validationAccuracy { text += ", val accuracy \(RunProgress.fixed(accuracy, 3))" }
        if let test = record?.test {
            text += test.scores.map { ", test accuracy \(RunProgress.fixed($0.accuracy, 3))" }
                ?? ", test loss \(RunProgress.loss(test.loss))"
        }
        return text + " -> \(ConfigPaths.display(ConfigPaths.absolute(done.run.directory)))"
    }
}
