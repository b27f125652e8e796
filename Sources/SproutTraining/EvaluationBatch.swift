import SproutMetrics
import SproutNN
import SproutRuns

/// The rows of `sprout evaluate RUN DATA` gathered into batches of `Predictor.batchRows`: each row's features scaled
/// as model.json says (`x' = Float((Double(x) − shift)·scale)`, as training scaled them), its target beside; each
/// full batch forwarded in evaluation mode and scored with the run's loss (the batch's mean, weighted by its rows),
/// its predicted classes (`Trainer.predictedClasses`, the rule metrics.csv's accuracy counts by) kept for the
/// confusion matrix, and the absolute errors summed for regression.
struct EvaluationBatch {
    enum Target {
        case label(Int32)
        case value(Float)
    }

    let network: Network
    let loss: TrainingLoss
    let classes: [String]?
    private let scaling: ModelDescription.Scaling
    private var features: [Float]
    private var labels: [Int32]
    private var targets: [Float]
    private var gradient: [Float]
    private var rows = 0
    private(set) var examples = 0
    private var lossSum = 0.0, absoluteError = 0.0
    private var truth: [Int] = [], predicted: [Int] = []

    init(model: TrainedModel, loss: TrainingLoss) {
        network = model.network
        self.loss = loss
        let description = model.description
        classes = description.target.kind == "classes" ? description.target.classes : nil
        scaling = description.scaling
        let rows = Predictor.batchRows, width = network.inputWidth, outputs = network.outputWidth
        features = [Float](repeating: 0, count: rows * width)
        labels = [Int32](repeating: 0, count: rows)
        targets = [Float](repeating: 0, count: rows * outputs)
        gradient = [Float](repeating: 0, count: rows * outputs)
    }

    /// One row: `fill` writes its raw features in model.json's order (scaled here), `target` its class or value.
    mutating func append(target: Target, _ fill: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        let width = network.inputWidth, start = rows * width
        try features.withUnsafeMutableBufferPointer { all in
            let row = UnsafeMutableBufferPointer(rebasing: all[start..<(start + width)])
            try fill(row)
            scaling.apply(to: row)
        }
        switch target {
        case .label(let label): labels[rows] = label
        case .value(let value): targets[rows] = value
        }
        rows += 1
        if rows == Predictor.batchRows { try score() }
    }

    /// Scores the rows still waiting and returns the whole file's evaluation, under `epoch` (the weights' epoch).
    mutating func finish(epoch: Int) throws -> Evaluation {
        try score()
        let count = Double(max(1, examples)), width = network.outputWidth
        guard let classes else {
            return Evaluation(examples: examples, loss: lossSum / count, epoch: epoch,
                              meanAbsoluteError: absoluteError / (count * Double(max(1, width))))
        }
        let scores = ClassificationScores(truth: truth, predicted: predicted, classCount: max(classes.count, width == 1 ? 2 : width))
        return Evaluation(examples: examples, loss: lossSum / count, epoch: epoch, scores: scores, classNames: classes)
    }

    private mutating func score() throws {
        guard rows > 0 else { return }
        let width = network.inputWidth, outputs = network.outputWidth, count = rows
        let output = try features.withUnsafeBufferPointer { all in
            try network.forward(UnsafeBufferPointer(rebasing: all[0..<(count * width)]), batch: count)
        }
        let regression = loss.isRegression
        let batchLoss = try labels.withUnsafeBufferPointer { labels in
            try targets.withUnsafeBufferPointer { targets in
                try gradient.withUnsafeMutableBufferPointer { gradient in
                    try loss.lossAndGradient(outputs: output, labels: UnsafeBufferPointer(rebasing: labels[0..<count]),
                                             targets: UnsafeBufferPointer(rebasing: targets[0..<(regression ? count * outputs : 0)]),
                                             batch: count, width: outputs,
                                             gradient: UnsafeMutableBufferPointer(rebasing: gradient[0..<(count * outputs)])).loss
                }
            }
        }
        lossSum += batchLoss * Double(count)
        if regression {
            for i in 0..<(count * outputs) { absoluteError += Double(abs(output[i] - targets[i])) }
        } else {
            truth += labels[0..<count].map { Int($0) }
            predicted += Trainer.predictedClasses(output, count: count, width: outputs)
        }
        examples += count
        rows = 0
    }
}
