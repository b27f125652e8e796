import SproutDiagnostics

/// The network as a graph of named nodes. The first node reads the data; every other node reads the node before
/// it unless it names its inputs; the output is the last node.
public struct ModelSpec: Sendable, Hashable {
    /// Input features: from the data source.
    public var inputWidth: Int
    public var nodes: [LayerSpec]
    /// The node whose values are the network's output (the loss reads it).
    public var output: String
    /// The model-wide initializers, used by every layer that does not override them.
    public var weightInit: InitializerSpec
    public var biasInit: InitializerSpec

    /// The weight default is PyTorch's `nn.Linear` one: kaiming_uniform with leaky_relu slope a = sqrt(5), whose
    /// gain sqrt(2/(1+5)) makes the bound gain·sqrt(3/fan_in) = 1/sqrt(fan_in). A layer with no `init` starts from
    /// the same distribution as its PyTorch twin.
    public static let defaultWeightInit = InitializerSpec.kaimingUniform(
        mode: .fanIn, nonlinearity: .leakyRelu, negativeSlope: 5.0.squareRoot())
    /// Zero biases (PyTorch draws them from U(±1/sqrt(fan_in))): the random weights already break the symmetry
    /// between units, and a zero bias keeps the experiments about weight initialization unconfounded.
    public static let defaultBiasInit = InitializerSpec.zeros
}

/// One node of the model graph.
public struct LayerSpec: Sendable, Hashable {
    public var name: String
    public var kind: LayerKind
    /// Names of the nodes this one reads; empty means the network's input.
    public var inputs: [String]
    /// Per-node overrides of the model-wide initializers (dense only).
    public var weightInit: InitializerSpec?
    public var biasInit: InitializerSpec?
    /// Where the node is written, for diagnostics found later (widths, graph).
    public var location: SourceLocation
}

public enum LayerKind: Sendable, Hashable {
    /// y = x Wᵀ + b, W: [units, inputs].
    case dense(units: Int, bias: Bool)
    case activation(ActivationKind)

    /// The word written in configs.
    public var typeName: String {
        switch self {
        case .dense: return "dense"
        case .activation(let a): return a.rawValue
        }
    }
}

/// Parameter-free elementwise nodes available today.
public enum ActivationKind: String, Sendable, Hashable, CaseIterable {
    case identity, relu, tanh, sigmoid
}
