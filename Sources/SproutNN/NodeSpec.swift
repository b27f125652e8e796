/// One node of a network graph, as the builder in SproutRun describes it: plain values, no config types.
public struct NodeSpec: Sendable {
    public enum Operation: Sendable {
        /// A fully connected layer (`Dense.swift`); `bias: false` leaves out the bias parameter (and `biasInit`
        /// is then unused).
        case dense(units: Int, bias: Bool, weightInit: Initializer, biasInit: Initializer)
        /// An elementwise activation (`Activation.swift`).
        case activation(Activation)
    }

    /// Unique within the network; parameters are named `"<name>.weight"` and `"<name>.bias"`.
    public var name: String
    public var operation: Operation
    /// The names of the nodes this one reads; empty means the network input. Today's operations take exactly one.
    public var inputs: [String]

    public init(name: String, operation: Operation, inputs: [String] = []) {
        self.name = name
        self.operation = operation
        self.inputs = inputs
    }
}

/// An internal inconsistency in a graph or in the buffers handed to it. The config layer has already validated user
/// input, so these indicate a bug in the caller; they are thrown, never trapped on.
public enum NetworkError: Error, Equatable, Sendable {
    case invalidInputWidth(Int)
    case invalidUnits(node: String, units: Int)
    case duplicateNode(String)
    case unknownInput(node: String, input: String)
    case unknownOutput(String)
    case unsupportedInputCount(node: String, count: Int)
    case cycle(nodes: [String])
    case sizeTooLarge(node: String)
    case invalidBatch(Int)
    case bufferSizeMismatch(argument: String, expected: Int, actual: Int)
    case backwardBeforeForward
}
