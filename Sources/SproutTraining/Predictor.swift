import SproutNN
import SproutRuns

/// Rows of raw features in, prediction CSV lines out: each row scaled as model.json says, forwarded in evaluation
/// mode in batches of `batchRows`, and written as soon as its batch is done.
///
/// Scaling: `x' = Float((Double(x) - shift[j]) * scale[j])`, x the float32 feature, as training applied it
/// (`FeatureScaling.apply`). Output columns: for classes, `predicted` (the class name: softmax's first largest
/// probability; for one sigmoid logit z, class 1 when z > 0, as training's accuracy counts it) then `p_<class>` for
/// each class in class order: softmax(z) computed in Double, or 1 − σ(z), σ(z). For regression, `predicted`
/// (`predicted_1`, ... for several outputs): the network's outputs as they are. Numbers are float32's shortest
/// round-trip text.
package final class Predictor {
    /// 1024 rows: large enough that the matrix products dominate the per-batch overhead, small enough to stay in cache.
    package static let batchRows = 1024
    /// Output is handed on in pieces of about 64 KiB.
    static let flushBytes = 1 << 16

    let network: Network
    let description: ModelDescription
    let width: Int
    private let scaling: ModelDescription.Scaling
    private var features: [Float]
    private var rows = 0
    /// The output waiting to be handed on (`Predictor+Line` appends each line's bytes here).
    var text: [UInt8] = []
    /// One row's probabilities, reused from row to row.
    var probabilities: [Double] = []
    private let emit: (UnsafeRawBufferPointer) throws -> Void
    /// The class names as CSV fields (quoted when needed), or nil for regression.
    let classFields: [String]?

    package init(_ model: TrainedModel, emit: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        network = model.network
        description = model.description
        width = model.network.inputWidth
        scaling = description.scaling
        features = [Float](repeating: 0, count: Self.batchRows * width)
        classFields = description.target.kind == "classes" ? description.target.classes?.map(CSVWriter.escape) : nil
        self.emit = emit
        text.reserveCapacity(Self.flushBytes * 2)
    }

    /// The output's header line's fields.
    package var header: [String] {
        if let classes = description.target.classes, description.target.kind == "classes" {
            return ["predicted"] + classes.map { "p_" + $0 }
        }
        let outputs = network.outputWidth
        return outputs == 1 ? ["predicted"] : (1...outputs).map { "predicted_\($0)" }
    }

    /// Writes the header line.
    package func start() throws {
        append(header.map(CSVWriter.escape).joined(separator: ",") + "\n")
        try flush(force: false)
    }

    /// One row: `fill` writes its `width` raw features in model.json's feature order; they are scaled here.
    package func appendRow(_ fill: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        let start = rows * width
        try features.withUnsafeMutableBufferPointer { all in
            let row = UnsafeMutableBufferPointer(rebasing: all[start..<(start + width)])
            try fill(row)
            scaling.apply(to: row)
        }
        rows += 1
        if rows == Self.batchRows { try predictBatch() }
    }

    /// Predicts the rows still waiting and hands on all the text.
    package func finish() throws {
        try predictBatch()
        try flush(force: true)
    }

    private func predictBatch() throws {
        guard rows > 0 else { return }
        let outputs = network.outputWidth
        try features.withUnsafeBufferPointer { all in
            let output = try network.forward(UnsafeBufferPointer(rebasing: all[0..<(rows * width)]), batch: rows)
            for row in 0..<rows {
                appendLine(UnsafeBufferPointer(rebasing: output[(row * outputs)..<((row + 1) * outputs)]))
            }
        }
        rows = 0
        try flush(force: false)
    }

    func append(_ line: String) { text.append(contentsOf: line.utf8) }

    /// Hands the text on once there is enough of it (or all of it, `force`).
    private func flush(force: Bool) throws {
        guard !text.isEmpty, force || text.count >= Self.flushBytes else { return }
        try text.withUnsafeBytes { try emit($0) }
        text.removeAll(keepingCapacity: true)
    }
}
