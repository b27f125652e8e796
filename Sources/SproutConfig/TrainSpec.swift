/// How the network is trained. Every default is already filled in (from `ExperimentSchema.train`).
public struct TrainSpec: Sendable, Hashable, Codable {
    public var loss: LossKind
    public var optimizer: OptimizerSpec
    public var epochs: Int
    public var batchSize: Int
    public var schedule: ScheduleSpec
    /// The maximum global L2 norm of the gradients; `nil`: no clipping.
    public var clipGradNorm: Double?
    /// `nil`: train for every epoch.
    public var earlyStopping: EarlyStoppingSpec?
    /// OpenBLAS threads of the process that trains the run (set by `sprout worker` and `sprout bench`, per process:
    /// OpenBLAS's thread count is global).
    public var threads: Int
}

/// The loss, mean over the batch (PyTorch's reduction 'mean').
public enum LossKind: Sendable, Hashable, Codable {
    /// Softmax cross entropy on logits; targets are class indices (PyTorch's CrossEntropyLoss).
    case crossEntropy
    /// Sigmoid cross entropy on one logit; targets 0 or 1 (PyTorch's BCEWithLogitsLoss).
    case binaryCrossEntropy
    /// (ŷ − y)² (PyTorch's MSELoss).
    case mse
    /// |ŷ − y| (PyTorch's L1Loss).
    case mae
    /// ½d² for |d| ≤ delta, else delta·(|d| − ½delta), d = ŷ − y (PyTorch's HuberLoss).
    case huber(delta: Double)

    /// The name in the language.
    public var name: String {
        switch self {
        case .crossEntropy: return "cross_entropy"
        case .binaryCrossEntropy: return "binary_cross_entropy"
        case .mse: return "mse"
        case .mae: return "mae"
        case .huber: return "huber"
        }
    }

    /// Whether the targets are class labels (so accuracy is defined).
    public var isClassification: Bool {
        switch self {
        case .crossEntropy, .binaryCrossEntropy: return true
        case .mse, .mae, .huber: return false
        }
    }
}

public enum OptimizerSpec: Sendable, Hashable, Codable {
    /// PyTorch's torch.optim.SGD semantics.
    case sgd(lr: Double, momentum: Double, nesterov: Bool, weightDecay: Double)
    /// PyTorch's torch.optim.Adam (weight decay coupled: added to the gradient).
    case adam(AdamSettings)
    /// PyTorch's torch.optim.AdamW (weight decay decoupled: θ ← θ − lr·weight_decay·θ).
    case adamw(AdamSettings)
    /// PyTorch's torch.optim.RMSprop.
    case rmsprop(lr: Double, alpha: Double, eps: Double, momentum: Double, centered: Bool, weightDecay: Double)

    /// The name in the language.
    public var name: String {
        switch self {
        case .sgd: return "sgd"
        case .adam: return "adam"
        case .adamw: return "adamw"
        case .rmsprop: return "rmsprop"
        }
    }
}

/// Adam's and AdamW's settings (the same keys; defaults in `ExperimentSchema.optimizer`).
public struct AdamSettings: Sendable, Hashable, Codable {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var weightDecay: Double
    public var amsgrad: Bool

    public init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double, amsgrad: Bool) {
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
    }
}
