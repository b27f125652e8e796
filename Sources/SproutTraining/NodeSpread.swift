import SproutNN

/// The spread of one node's signal in a diagnostic pass (`Trainer.diagnosticPass`), over all S × width values of
/// the sample: layers.csv's `activation_mean`, `activation_std` and `gradient_std`, and `sprout show --probe`'s
/// `act_mean`, `act_std` and `grad_std`. Both compute them here, so that layers.csv at epoch 0 and the probe agree
/// exactly.
struct NodeSpread: Equatable {
    /// Mean and population standard deviation of the node's output.
    var activationMean: Double
    var activationStd: Double
    /// Population standard deviation of dL/d(node output); nil when no gradient reached the node. The loss is the
    /// sample's mean, so every entry carries a 1/S factor (mse, mae and huber average over every output element:
    /// 1/(S · outputs)).
    var gradientStd: Double?

    init(_ node: NodeInspection) {
        (activationMean, activationStd) = UnitStatistics.meanAndStandardDeviation(node.activations)
        gradientStd = node.outputGradient.map { UnitStatistics.meanAndStandardDeviation($0).std }
    }
}
