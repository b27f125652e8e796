/// `train:`: loss, optimizer, epochs, batch size.
extension ExperimentSchema {
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
}
