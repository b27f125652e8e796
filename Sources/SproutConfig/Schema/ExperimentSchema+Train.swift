/// `train:`: loss, optimizer, epochs, batch size, and the optional schedule, clipping and early stopping.
/// The optimizers are in ExperimentSchema+Optimizers, the schedules in ExperimentSchema+Schedules.
extension ExperimentSchema {
    public static let train = ObjectSchema("How the network is trained.", [
        Field("loss", .union(loss), .required, "What training minimizes."),
        Field("optimizer", .reference("optimizer"), .required, "How parameters are updated."),
        Field("epochs", .integer(1...10_000_000), .required, "Passes over the training data."),
        // 32: Keras' default, a good balance of speed and gradient noise for small data.
        Field("batch_size", .integer(1...10_000_000), .defaultValue(.integer(32)),
              "Examples per step; the last batch of an epoch may be smaller."),
        Field("schedule", .union(schedule), .optional("constant: the optimizer's lr throughout, no warm-up"),
              "How the learning rate changes over the epochs."),
        Field("clip_grad_norm", .number(.positive), .optional("no clipping"),
              "Rescale the gradients when their global L2 norm (over every parameter) exceeds this value, as "
                + "PyTorch's clip_grad_norm_: g ← g · min(1, max_norm / ‖g‖)."),
        Field("early_stopping", .object(earlyStopping), .optional("train for every epoch"),
              "Stop when a metric has not improved for `patience` epochs."),
        // 1: the networks Sprout is for are small, where handing a product to other threads costs more than it
        // saves, and a batch gets its parallelism from running one run per core.
        Field("threads", .integer(1...256), .defaultValue(.integer(1)),
              "OpenBLAS threads for this run's matrix products; a batch counts the run as this many of its -j "
                + "slots. More can help a large network; the results then differ from one thread's in the last "
                + "digits (the threaded products sum in another order), reproducibly for the same count."),
    ])

    /// The losses, each the mean over the batch, as PyTorch's with reduction 'mean'.
    public static let loss = UnionSchema("What training minimizes.", noun: "loss", [
        .init("cross_entropy", "Softmax cross entropy on logits (PyTorch's CrossEntropyLoss); targets are class "
              + "indices; one output unit per class."),
        .init("binary_cross_entropy", "Sigmoid cross entropy on one logit (PyTorch's BCEWithLogitsLoss): "
              + "−[y·log σ(z) + (1−y)·log(1−σ(z))]; one output unit, 2-class data."),
        .init("mse", "Mean squared error (PyTorch's MSELoss): (ŷ − y)²; needs a regression target."),
        .init("mae", "Mean absolute error (PyTorch's L1Loss): |ŷ − y|; needs a regression target."),
        .init("huber", "Huber loss (PyTorch's HuberLoss): ½d² when |d| ≤ delta, else delta·(|d| − ½delta), "
              + "d = ŷ − y; needs a regression target.", [
            // 1.0: PyTorch's HuberLoss default: quadratic within one unit of the target, linear beyond.
            Field("delta", .number(.positive), .defaultValue(.number(1)),
                  "Where the loss turns from quadratic to linear."),
        ]),
    ])

    /// The metrics early stopping can watch: the columns of metrics.csv.
    public static let earlyStoppingMetrics = ["train_loss", "train_accuracy", "val_loss", "val_accuracy"]

    public static let earlyStopping = ObjectSchema("Stop training when a metric stops improving.", [
        Field("metric", .word(earlyStoppingMetrics), .required,
              "The metric watched (val_* need validation data; *_accuracy a classification loss)."),
        Field("mode", .word(["min", "max"]), .optional("min for a *_loss metric, max for a *_accuracy metric"),
              "Whether the metric improves as it falls (min) or as it rises (max)."),
        // 10: not a library default (Keras' EarlyStopping has 0, PyTorch Lightning's 3, both quick to stop on the
        // noisy plateaus of small-batch training); 10 epochs rides those out without running on long after a real stop.
        Field("patience", .integer(1...Int(Int32.max)), .defaultValue(.integer(10)),
              "Epochs without improvement before training stops."),
        // 0: Keras' and Lightning's default: any improvement counts.
        Field("min_delta", .number(.nonNegative), .defaultValue(.number(0)),
              "The smallest change that counts as an improvement."),
        // false: Keras' restore_best_weights default; the last epoch's weights are what training left, and
        // best.safetensors (log.checkpoints.best: auto) keeps the best ones anyway.
        Field("restore_best", .boolean, .defaultValue(.boolean(false)),
              "End with the weights of the best epoch (final.safetensors = the best), as Keras' restore_best_weights."),
    ])
}
