/// How the network is trained.
public struct TrainSpec: Sendable, Hashable {
    public var loss: LossKind
    public var optimizer: OptimizerSpec
    public var epochs: Int
    public var batchSize: Int
}

public enum LossKind: String, Sendable, Hashable, CaseIterable {
    /// Softmax cross entropy on logits, mean over the batch; targets are class indices.
    case crossEntropy = "cross_entropy"
}

public enum OptimizerSpec: Sendable, Hashable {
    /// PyTorch's torch.optim.SGD semantics.
    case sgd(lr: Double, momentum: Double, nesterov: Bool, weightDecay: Double)
}
