/// runs/<name>/metrics.csv: a row for epoch 0 (before the first update), then one per logged epoch.
///
/// Columns: `epoch, step, learning_rate, train_loss, train_accuracy, val_loss, val_accuracy, grad_norm, seconds`.
/// `train_loss` and `train_accuracy` are measured on the whole training set after the epoch (evaluation mode), so
/// every row, epoch 0 included, measures the same thing. `learning_rate` is the rate of the epoch's last step (at
/// epoch 0: of the first step, 0 under a warm-up). `grad_norm` is the global L2 norm of the epoch's last
/// gradient, before clip_grad_norm rescales it (empty at epoch 0). The validation columns stay empty until a
/// config has validation data. `seconds`
/// (training time so far) is the only column that differs between two runs of the same config.
package struct MetricsRow {
    package var epoch: Int
    package var step: Int
    package var learningRate: Double
    package var trainLoss: Double
    package var trainAccuracy: Double?
    package var validationLoss: Double?
    package var validationAccuracy: Double?
    package var gradientNorm: Double?
    package var seconds: Double

    package init(epoch: Int, step: Int, learningRate: Double, trainLoss: Double, trainAccuracy: Double?,
                 validationLoss: Double?, validationAccuracy: Double?, gradientNorm: Double?, seconds: Double) {
        self.epoch = epoch
        self.step = step
        self.learningRate = learningRate
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.gradientNorm = gradientNorm
        self.seconds = seconds
    }

    package static let columns = ["epoch", "step", "learning_rate", "train_loss", "train_accuracy", "val_loss",
                          "val_accuracy", "grad_norm", "seconds"]

    package var fields: [String] {
        [String(epoch), String(step), Self.format(learningRate), Self.format(trainLoss), trainAccuracy.map(Self.format) ?? "",
         validationLoss.map(Self.format) ?? "", validationAccuracy.map(Self.format) ?? "",
         gradientNorm.map(Self.format) ?? "", Self.format(seconds, digits: 3)]
    }

    /// Shortest text that reads back as the same Double (Swift's description): exact, reproducible, `.` decimal
    /// point whatever the locale. Non-finite values print as `nan`, `inf`, `-inf` (what NumPy and pandas read).
    package static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }

    /// Fixed decimals for timing, which is noisy anyway.
    package static func format(_ value: Double, digits: Int) -> String {
        let scale = Double(Int(pow10(digits)))
        let rounded = (value * scale).rounded() / scale
        return "\(rounded)"
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }
}
