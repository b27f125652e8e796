import SproutNN
import SproutRuns

/// layers.csv: one row per logged epoch and executed node (long format, what pandas and plotting tools want),
/// measured by a diagnostic pass (`Trainer.diagnosticPass`) on the run's diagnostic sample (`DiagnosticSample`: up to
/// 512 training examples, stratified by class, the same every epoch), in evaluation mode:
///
/// - `weight_norm`, `grad_norm`: L2 norms of the node's weight and of its gradient dL/dW on the sample (dense and
///   conv2d W; layer_norm and batch_norm: their scale); empty for nodes without a weight.
/// - `activation_mean`, `activation_std`: of the node's output over the sample (population std; `NodeSpread`).
/// - `dead_fraction` (relu, leaky_relu): the fraction of units whose output is ≤ 0 for every example of the sample.
/// - `saturated_fraction` (tanh, softsign: outside ±0.99; sigmoid: outside [0.01, 0.99]): the fraction of outputs
///   in the flat tails, where the local gradient is below 0.02.
/// - `distinct_units` (dense, conv2d): how many different units the layer has, rows of [W | b] equal within a
///   relative 1e-6 counted once (`UnitStatistics.distinctRows`): 1 for a layer whose symmetry nothing broke, the
///   width for a random one. A conv2d's units are its filters, each row its `channels/groups · kh · kw` weights and
///   its bias. `max_unit_cosine` (dense, conv2d, two units or more): the largest cosine between two units' rows.
/// - `gradient_std` (last, added after the others so that readers by position keep working): the population std
///   of dL/d(node output) over the sample's S × width values; the loss is the sample mean, so each entry carries a
///   1/S factor (1/(S · outputs) for mse, mae and huber, which average every output element). Empty when no
///   gradient reached the node.
enum LayerDiagnostics {
    static let columns = ["epoch", "node", "weight_norm", "grad_norm", "activation_mean", "activation_std",
                          "dead_fraction", "saturated_fraction", "distinct_units", "max_unit_cosine", "gradient_std"]

    static func rows(epoch: Int, nodes: [NodeInspection]) -> [[String]] {
        nodes.map { node in
            let format = MetricsRow.format as (Double) -> String
            let weightNorm = node.weight.map { $0.value.withUnsafeBufferPointer(UnitStatistics.norm) }
            let gradientNorm = node.weight.map { $0.gradient.withUnsafeBufferPointer(UnitStatistics.norm) }
            let spread = NodeSpread(node)
            var dead: Double?, saturated: Double?
            if case .activation(let kind) = node.kind {
                switch kind {
                case .relu, .leakyRelu:
                    dead = UnitStatistics.deadFraction(node.activations, rows: node.batch, columns: node.width)
                case .tanh, .softsign:
                    saturated = UnitStatistics.saturatedFraction(node.activations, low: -0.99, high: 0.99)
                case .sigmoid:
                    saturated = UnitStatistics.saturatedFraction(node.activations, low: 0.01, high: 0.99)
                default:
                    break
                }
            }
            var distinct: Int?, cosine: Double?
            // A conv2d's filters are its units: rows of [W | b] with W [filters, channels/groups, kh, kw] flattened.
            if node.kind == .dense || node.kind == .convolution, let weight = node.weight {
                let units = weight.shape.first ?? 0
                let inputs = units > 0 ? weight.count / units : 0
                let units_and_bias = unitRows(weight: weight.value, bias: node.bias?.value, units: units, inputs: inputs)
                let columns = inputs + (node.bias == nil ? 0 : 1)
                units_and_bias.withUnsafeBufferPointer { rows in
                    distinct = UnitStatistics.distinctRows(rows, rows: units, columns: columns,
                                                           relativeTolerance: UnitStatistics.defaultRelativeTolerance)
                    cosine = UnitStatistics.maxRowCosine(rows, rows: units, columns: columns)
                }
            }
            return [String(epoch), node.name, weightNorm.map(format) ?? "", gradientNorm.map(format) ?? "",
                    format(spread.activationMean), format(spread.activationStd), dead.map(format) ?? "",
                    saturated.map(format) ?? "", distinct.map(String.init) ?? "", cosine.map(format) ?? "",
                    spread.gradientStd.map(format) ?? ""]
        }
    }

    /// [W | b]: each unit's weights followed by its bias, `(units, inputs + 1)` row-major (W alone without a bias).
    static func unitRows(weight: [Float], bias: [Float]?, units: Int, inputs: Int) -> [Float] {
        guard let bias else { return weight }
        var rows = [Float]()
        rows.reserveCapacity(units * (inputs + 1))
        for unit in 0..<units {
            rows.append(contentsOf: weight[(unit * inputs)..<((unit + 1) * inputs)])
            rows.append(bias[unit])
        }
        return rows
    }
}
