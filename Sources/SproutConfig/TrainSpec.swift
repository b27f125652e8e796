/// How the network is trained.
public struct TrainSpec: Sendable, Hashable {
    public var loss: LossKind
    public var optimizer: OptimizerSpec
    public var epochs: Int
    public var batchSize: Int

    /// 32: the common default of Keras' `fit` and a good speed/noise balance for small data.
    public static let defaultBatchSize = 32
}

public enum LossKind: String, Sendable, Hashable, CaseIterable {
    /// Softmax cross entropy on logits, mean over the batch; targets are class indices.
    case crossEntropy = "cross_entropy"
}

public enum OptimizerSpec: Sendable, Hashable {
    /// PyTorch's torch.optim.SGD semantics.
    case sgd(lr: Double, momentum: Double, nesterov: Bool, weightDecay: Double)

    /// Defaults are PyTorch's: no momentum, no nesterov, no weight decay.
    public static let defaultMomentum = 0.0
    public static let defaultNesterov = false
    public static let defaultWeightDecay = 0.0
}
