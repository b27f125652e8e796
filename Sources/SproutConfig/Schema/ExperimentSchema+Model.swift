/// `model:`: the graph of named nodes and the model-wide initializers.
extension ExperimentSchema {
    public static let model = ObjectSchema("The network: a list of named nodes.", [
        Field("layers", .list(.reference("layer"), minItems: 1), .required,
              "The nodes, in order; each reads the one before it unless it names its inputs."),
        Field("init", .object(modelInit), .optional("PyTorch's nn.Linear weights, zero biases"),
              "The initializers every layer uses unless it sets its own."),
        Field("output", .string, .optional("the last node"), "The node whose values the loss reads."),
    ])

    public static let modelInit = ObjectSchema("Model-wide initializers.", [
        // PyTorch's nn.Linear default: kaiming_uniform with leaky_relu slope sqrt(5), i.e. U(±1/sqrt(fan_in)).
        Field("weight", .reference("initializer"), .optional("kaiming_uniform, leaky_relu slope √5: U(±1/√fan_in)"),
              "The weight initializer of every dense layer."),
        // Zero biases: the random weights break the symmetry between units; a zero bias keeps experiments about
        // weight initialization unconfounded. (PyTorch draws biases from U(±1/√fan_in).)
        Field("bias", .reference("initializer"), .optional("zeros"), "The bias initializer of every dense layer."),
    ])

    static let nodeName = Field("name", .name(.node), .optional("<type><k>: dense1, tanh1, dense2, ..."),
                                "The node's name: letters, digits, '_', '-'.")
    static let nodeInputs = Field("inputs", .either([.string, .list(.string, minItems: 1)]),
                                  .optional("the node before (the data, for the first node)"),
                                  "The node(s) this one reads.")

    public static let layer = UnionSchema("One node of the model graph.", noun: "layer type", label: "layer",
                                          commonFields: [nodeName, nodeInputs], [
        .init("dense", "Fully connected: y = x Wᵀ + b, W shaped [units, inputs].", [
            Field("units", .integer(1...Int(Int32.max)), .required, "Number of outputs."),
            Field("bias", .boolean, .defaultValue(.boolean(true)), "Whether the layer adds a bias."),
            Field("weight_init", .reference("initializer"), .optional("model.init.weight"),
                  "This layer's weight initializer."),
            Field("bias_init", .reference("initializer"), .optional("model.init.bias"),
                  "This layer's bias initializer."),
        ]),
        .init("identity", "y = x."),
        .init("relu", "y = max(x, 0)."),
        .init("tanh", "y = tanh(x)."),
        .init("sigmoid", "y = 1 / (1 + e^-x)."),
    ])
}
