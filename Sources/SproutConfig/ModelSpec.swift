import SproutDiagnostics
import SproutShapes

/// The network as a graph of named nodes. The first node reads the data; every other node reads the node before
/// it unless it names its inputs (any node, in any order, as long as the graph has no cycle); the output is the last
/// node. Repeat blocks are already expanded in `nodes`; `blocks` remembers them for the resolved config.
public struct ModelSpec: Sendable, Hashable, Codable {
    /// Each example's shape, from the data source (`DataSpec.exampleShape`): flat features, or an image.
    public var inputShape: FeatureShape
    /// Input features: from the data source (the values of `inputShape`).
    public var inputWidth: Int { inputShape.count }
    /// Every node, repeat blocks expanded, in the order written.
    public var nodes: [LayerSpec]
    /// The node whose values are the network's output (the loss reads it).
    public var output: String
    /// The model-wide initializers, used by every layer that does not override them.
    public var weightInit: InitializerSpec
    public var biasInit: InitializerSpec
    /// `model.init.rules`, in order: the first rule matching a node that sets a parameter decides it.
    public var rules: [InitRuleSpec] = []
    /// The repeat blocks, in order, with where their expansion starts in `nodes`.
    public var blocks: [RepeatSpec] = []

    /// The weight default is PyTorch's `nn.Linear` one: kaiming_uniform with leaky_relu slope a = sqrt(5), whose
    /// gain sqrt(2/(1+5)) makes the bound gain·sqrt(3/fan_in) = 1/sqrt(fan_in). A layer with no `init` starts from
    /// the same distribution as its PyTorch twin.
    public static let defaultWeightInit = InitializerSpec.kaimingUniform(
        mode: .fanIn, nonlinearity: .leakyRelu, negativeSlope: 5.0.squareRoot())
    /// Zero biases (PyTorch draws them from U(±1/sqrt(fan_in))): the random weights already break the symmetry
    /// between units, and a zero bias keeps the experiments about weight initialization unconfounded.
    public static let defaultBiasInit = InitializerSpec.zeros

    /// The weight initializer `node` starts from: its own, else the first matching rule's, else model.init.weight.
    public func weightInit(for node: LayerSpec) -> InitializerSpec {
        node.weightInit ?? rules.first { $0.weight != nil && $0.matches(node.name) }?.weight ?? weightInit
    }

    /// The bias initializer `node` starts from: its own, else the first matching rule's, else model.init.bias.
    public func biasInit(for node: LayerSpec) -> InitializerSpec {
        node.biasInit ?? rules.first { $0.bias != nil && $0.matches(node.name) }?.bias ?? biasInit
    }
}

/// One node of the model graph.
public struct LayerSpec: Sendable, Hashable, Codable {
    public var name: String
    public var kind: LayerKind
    /// Names of the nodes this one reads; empty means the network's input.
    public var inputs: [String]
    /// Per-node overrides of the model-wide initializers (dense and conv2d only).
    public var weightInit: InitializerSpec?
    public var biasInit: InitializerSpec?
    /// Where the node is written, for diagnostics found later (widths, graph).
    public var location: SourceLocation
    /// 0 for a node written at the top of model.layers; k for the k-th repetition of a repeat block's body.
    public var repetition = 0
}

/// A `{repeat: N, name: b, layers: [...]}` entry of model.layers, as written (local names, inputs as written:
/// empty where the body node reads the node before it).
public struct RepeatSpec: Sendable, Hashable, Codable {
    public var name: String
    public var count: Int
    public var body: [LayerSpec]
    /// Index in `ModelSpec.nodes` of the first expanded node (`<name>1.<first local>`).
    public var start: Int
    public var location: SourceLocation

    /// The name of local node `local` in repetition `k` (1-based): `block3.dense1`, PyTorch's nested module name.
    public func expandedName(_ local: String, repetition k: Int) -> String { "\(name)\(k).\(local)" }
}

/// A `model.init.rules` entry: a glob over node names and the initializers of the dense and conv2d nodes it matches.
public struct InitRuleSpec: Sendable, Hashable, Codable {
    /// `*` matches any run of characters (dots included), `?` exactly one.
    public var pattern: String
    public var weight: InitializerSpec?
    public var bias: InitializerSpec?
    public var location: SourceLocation

    public func matches(_ name: String) -> Bool { Glob.matches(pattern, name) }
}

public enum LayerKind: Sendable, Hashable, Codable {
    /// y = x Wᵀ + b, W: [units, inputs].
    case dense(units: Int, bias: Bool)
    /// Parameter-free elementwise nodes.
    case activation(ActivationKind)
    /// y = max(0, x) + negative_slope · min(0, x).
    case leakyRelu(negativeSlope: Double)
    /// y = x for x > 0, alpha · (eˣ - 1) otherwise.
    case elu(alpha: Double)
    /// y = x · Φ(x), or its tanh approximation.
    case gelu(approximate: GeluApproximation)
    /// y = log(1 + e^(beta·x)) / beta, and y = x where beta·x > threshold.
    case softplus(beta: Double, threshold: Double)
    /// Zeroes each value with probability `rate` in training and scales the rest by 1/(1-rate).
    case dropout(rate: Double)
    /// Normalizes each example over its features; `elementwiseAffine` adds a weight and a bias of the width.
    case layerNorm(eps: Double, elementwiseAffine: Bool)
    /// Normalizes each feature over the batch; running statistics are buffers, `affine` adds weight and bias.
    case batchNorm(momentum: Double, eps: Double, affine: Bool)
    /// The elementwise sum of ≥ 2 inputs of one width.
    case add
    /// The inputs side by side: width = the sum of theirs; images of one height and width join their channels.
    case concat
    /// 2-D convolution over an image (PyTorch's `nn.Conv2d`).
    case conv2d(ConvolutionSpec)
    /// The largest value of each window of an image (`nn.MaxPool2d`).
    case maxPool2d(PoolingSpec)
    /// The mean of each window of an image (`nn.AvgPool2d`); `countIncludePad` divides by the whole window.
    case avgPool2d(PoolingSpec, countIncludePad: Bool)
    /// Each channel's mean: image [C, H, W] -> [C].
    case globalAvgPool
    /// An image read as flat features, the same values.
    case flatten

    /// The word written in configs.
    public var typeName: String {
        switch self {
        case .dense: return "dense"
        case .activation(let a): return a.rawValue
        case .leakyRelu: return "leaky_relu"
        case .elu: return "elu"
        case .gelu: return "gelu"
        case .softplus: return "softplus"
        case .dropout: return "dropout"
        case .layerNorm: return "layer_norm"
        case .batchNorm: return "batch_norm"
        case .add: return "add"
        case .concat: return "concat"
        case .conv2d: return "conv2d"
        case .maxPool2d: return "max_pool2d"
        case .avgPool2d: return "avg_pool2d"
        case .globalAvgPool: return "global_avg_pool"
        case .flatten: return "flatten"
        }
    }

    /// Whether the node has a weight and a bias to initialize (dense and conv2d).
    public var hasWeights: Bool {
        switch self {
        case .dense, .conv2d: return true
        default: return false
        }
    }

    /// add and concat read ≥ 2 inputs; every other node exactly one.
    public var isMerge: Bool {
        switch self {
        case .add, .concat: return true
        default: return false
        }
    }
}

/// Parameter-free elementwise nodes.
public enum ActivationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case identity, relu, tanh, sigmoid, selu, softsign
}

/// gelu's `approximate` (PyTorch's names).
public enum GeluApproximation: String, Sendable, Hashable, Codable, CaseIterable {
    case none, tanh
}
