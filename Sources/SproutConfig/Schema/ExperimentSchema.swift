/// The experiment language: every section, key, type, range and default, stated once.
///
/// The decoders read keys, ranges and defaults from here, and `sprout schema` writes this as JSON Schema, so an
/// editor and Sprout accept the same files. Each default says why it was chosen.
public enum ExperimentSchema {
    /// The whole file.
    public static let top = ObjectSchema("A Sprout experiment: data, model, training and logging.", [
        Field("name", .string, .optional("the file's stem"),
              "The run's name and its directory under runs/: letters, digits, '-', '_', '.'."),
        Field("description", .string, .optional("empty"), "Free text about the experiment."),
        // 0: a fixed seed keeps runs reproducible by default; change it to see run-to-run variation.
        Field("seed", .integer(0...Int(Int64.max)), .defaultValue(.integer(0)),
              "The one seed every random stream (initialization, data, shuffling) derives from."),
        Field("data", .union(data), .required, "Where the examples come from."),
        Field("model", .object(model), .required, "The network: a list of named nodes."),
        Field("train", .object(train), .required, "Loss, optimizer, epochs and batch size."),
        Field("log", .object(log), .optional("log every epoch"), "What is logged, and how often."),
    ])

    // MARK: data

    /// `data:` itself is the variant: `source` picks the generator or file type, whose parameters sit beside it.
    public static let data = UnionSchema("Where the examples come from.", noun: "data source", tag: "source",
                                         bareWords: false, [
        .init("xor", "Points around the four corners (±1, ±1); class = XOR of the signs. 2 features, 2 classes.", [
            // 200 points: 50 a corner, enough for a smooth boundary, trained in well under a second.
            Field("samples", .integer(4...10_000_000), .defaultValue(.integer(200)), "Number of points."),
            // 0.1: the clusters stay well apart (the corners are 2 apart), so a good network reaches 100%.
            Field("noise", .number(.nonNegative), .defaultValue(.number(0.1)),
                  "Standard deviation of the Gaussian noise added to each coordinate."),
        ]),
    ])

    // MARK: model

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

    static let nodeName = Field("name", .string, .optional("<type><k>: dense1, tanh1, dense2, ..."),
                                "The node's name: letters, digits, '_', '-'.")
    static let nodeInputs = Field("inputs", .either([.string, .list(.string, minItems: 1)]),
                                  .optional("the node before (the data, for the first node)"),
                                  "The node(s) this one reads.")

    public static let layer = UnionSchema("One node of the model graph.", noun: "layer type",
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

    // MARK: initializers

    static let gain = Field("gain", .number(.positive), .defaultValue(.number(1)),
                            "Scale factor (PyTorch's default 1).")
    static let kaimingFields = [
        // PyTorch's defaults: fan_in, leaky_relu with slope 0 (a gain of √2, ReLU's).
        Field("mode", .word(["fan_in", "fan_out"]), .defaultValue(.word("fan_in")),
              "fan_in keeps the forward pass's variance, fan_out the backward pass's."),
        Field("nonlinearity", .word(["linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]),
              .defaultValue(.word("leaky_relu")), "The nonlinearity whose gain scales the weights."),
        Field("negative_slope", .number(.nonNegative), .defaultValue(.number(0)),
              "leaky_relu's slope for negative inputs (only with nonlinearity leaky_relu)."),
    ]

    public static let initializer = UnionSchema(
        "How a weight or bias starts: PyTorch's torch.nn.init formulas, fan_in = inputs, fan_out = units.",
        noun: "initializer", [
        .init("zeros", "Every entry 0."),
        .init("ones", "Every entry 1."),
        .init("constant", "Every entry `value`.", [Field("value", .number(.any), .required, "The value.")]),
        // PyTorch's uniform_ defaults: U(0, 1).
        .init("uniform", "U(low, high).", [
            Field("low", .number(.any), .defaultValue(.number(0)), "Lower bound."),
            Field("high", .number(.any), .defaultValue(.number(1)), "Upper bound, above low."),
        ]),
        // PyTorch's normal_ defaults: N(0, 1).
        .init("normal", "N(mean, std²).", [
            Field("mean", .number(.any), .defaultValue(.number(0)), "Mean."),
            Field("std", .number(.nonNegative), .defaultValue(.number(1)), "Standard deviation."),
        ]),
        .init("xavier_uniform", aliases: ["glorot_uniform"],
              "U(±gain·√(6/(fan_in+fan_out))) (Glorot & Bengio 2010).", [gain]),
        .init("xavier_normal", aliases: ["glorot_normal"],
              "N(0, gain²·2/(fan_in+fan_out)) (Glorot & Bengio 2010).", [gain]),
        .init("kaiming_uniform", "U(±√3·gain/√fan) (He et al. 2015).", kaimingFields),
        .init("kaiming_normal", "N(0, gain²/fan) (He et al. 2015).", kaimingFields),
        .init("he_uniform", "kaiming_uniform with fan_in and relu."),
        .init("he_normal", "kaiming_normal with fan_in and relu (untruncated, as PyTorch)."),
        .init("lecun_uniform", "U(±√(3/fan_in)) (LeCun et al. 1998)."),
        .init("lecun_normal", "N(0, 1/fan_in) (LeCun et al. 1998; untruncated, as PyTorch)."),
    ])

    // MARK: train

    public static let train = ObjectSchema("How the network is trained.", [
        Field("loss", .word(["cross_entropy"]), .required,
              "cross_entropy: softmax cross entropy on logits; one output unit per class."),
        Field("optimizer", .reference("optimizer"), .required, "How parameters are updated."),
        Field("epochs", .integer(1...10_000_000), .required, "Passes over the training data."),
        // 32: Keras' default, a good balance of speed and gradient noise for small data.
        Field("batch_size", .integer(1...10_000_000), .defaultValue(.integer(32)),
              "Examples per step; the last batch of an epoch may be smaller."),
    ])

    public static let optimizer = UnionSchema("How parameters are updated.", noun: "optimizer", [
        // PyTorch's torch.optim.SGD defaults: no momentum, no nesterov, no weight decay.
        .init("sgd", "Stochastic gradient descent with momentum (PyTorch's SGD).", [
            Field("lr", .number(.positive), .required, "Learning rate."),
            Field("momentum", .number(.unitInterval), .defaultValue(.number(0)), "Momentum factor."),
            Field("nesterov", .boolean, .defaultValue(.boolean(false)), "Nesterov momentum (needs momentum > 0)."),
            Field("weight_decay", .number(.nonNegative), .defaultValue(.number(0)), "L2 penalty added to the gradient."),
        ]),
    ])

    // MARK: log

    public static let log = ObjectSchema("What is logged, and how often.", [
        // 1: small experiments want every epoch; epoch 0 and the last are always logged.
        Field("every", .integer(1...Int(Int32.max)), .defaultValue(.integer(1)),
              "Log every N epochs (epoch 0 and the last epoch always)."),
    ])

    /// Named definitions that `.reference` points at.
    public static let definitions: [(name: String, type: SchemaType)] = [
        ("layer", .union(layer)),
        ("initializer", .union(initializer)),
        ("optimizer", .union(optimizer)),
    ]
}
