/// `model:`: the graph of named nodes and the model-wide initializers.
extension ExperimentSchema {
    public static let model = ObjectSchema("The network: a list of named nodes.", [
        Field("layers", .list(.either([.reference("layer"), .reference("repeat")]), minItems: 1), .required,
              "The nodes, in order; each reads the one before it unless it names its inputs. A repeat block stands for N copies of its layers."),
        Field("init", .object(modelInit), .optional("PyTorch's nn.Linear weights, zero biases"),
              "The initializers every layer uses unless it sets its own."),
        Field("output", .string, .optional("the last node"), "The node whose values the loss reads."),
        Field("input_width", .integer(1...Int(Int32.max)), .optional("the data's number of features"),
              "The number of input features; when written, it must agree with the data."),
    ])

    public static let modelInit = ObjectSchema("Model-wide initializers.", [
        // PyTorch's nn.Linear default: kaiming_uniform with leaky_relu slope sqrt(5), i.e. U(±1/sqrt(fan_in)).
        Field("weight", .reference("initializer"), .optional("kaiming_uniform, leaky_relu slope √5: U(±1/√fan_in)"),
              "The weight initializer of every dense and conv2d layer."),
        // Zero biases: the random weights break the symmetry between units; a zero bias keeps experiments about
        // weight initialization unconfounded. (PyTorch draws biases from U(±1/√fan_in).)
        Field("bias", .reference("initializer"), .optional("zeros"), "The bias initializer of every dense and conv2d layer."),
        Field("rules", .list(.object(initRule), minItems: 1), .optional("none"),
              "Initializers by node-name pattern; a node's own weight_init/bias_init comes first, then the first matching rule, then weight/bias above."),
    ])

    public static let initRule = ObjectSchema("Initializers for the dense and conv2d nodes whose names match a pattern.", [
        Field("match", .string, .required, "A glob over node names: '*' any characters (dots included), '?' one."),
        Field("weight", .reference("initializer"), .optional("the next rule's, else model.init.weight"),
              "The weight initializer of the matching dense and conv2d nodes."),
        Field("bias", .reference("initializer"), .optional("the next rule's, else model.init.bias"),
              "The bias initializer of the matching dense and conv2d nodes."),
    ])

    /// At most 1000 repetitions (the memory rule still applies to the expanded graph, which is also bounded to
    /// `maxExpandedNodes` nodes): deep enough for any MLP experiment, small enough that a typo such as 30000 is
    /// refused instead of built.
    public static let repeatBlock = ObjectSchema("N copies of a list of layers, in a chain.", [
        Field("repeat", .integer(1...1000), .required, "How many copies."),
        Field("name", .name(.node), .required,
              "The block's name: copy k's nodes are called <name><k>.<local name> (block3.dense1)."),
        Field("layers", .list(.reference("layer"), minItems: 1), .required,
              "The copied nodes; their names and inputs are local to one copy. The first reads the node before the block, or the previous copy's last node."),
    ])

    /// The largest graph, repeat blocks expanded: the graph rules and the engine stay fast well below it.
    public static let maxExpandedNodes = 10_000

    static let nodeName = Field("name", .name(.node), .optional("<type><k>: dense1, tanh1, dense2, ..."),
                                "The node's name: letters, digits, '_', '-'.")
    static let nodeInputs = Field("inputs", .either([.string, .list(.string, minItems: 1)]),
                                  .optional("the node before (the data, for the first node)"),
                                  "The node(s) this one reads: one, or at least two for add and concat.")

    public static let layer = UnionSchema("One node of the model graph.", noun: "layer type", label: "layer",
                                          commonFields: [nodeName, nodeInputs], [
        .init("dense", "Fully connected: y = x Wᵀ + b, W shaped [units, inputs].", [
            Field("units", .integer(1...Int(Int32.max)), .required, "Number of outputs."),
            Field("bias", .boolean, .defaultValue(.boolean(true)), "Whether the layer adds a bias."),
            Field("weight_init", .reference("initializer"), .optional("the first matching rule, else model.init.weight"),
                  "This layer's weight initializer."),
            Field("bias_init", .reference("initializer"), .optional("the first matching rule, else model.init.bias"),
                  "This layer's bias initializer."),
        ]),
    ] + activationVariants + otherNodeVariants + imageNodeVariants)
}
