/// Names people bring from Keras and PyTorch, and Sprout's name for the same thing: an unknown word that is one of
/// them gets "did you mean" Sprout's name (with where the word comes from) wherever that name is valid, instead of
/// the list of choices an edit distance finds nothing close in (`categorical_crossentropy` is 12 edits from
/// `cross_entropy`). Words match without regard to case, `_` or `-` (Keras' `CategoricalCrossentropy` and
/// `categorical_crossentropy` alike). docs/config.md lists this table ("Names from Keras and PyTorch"), checked by
/// a test.
public enum Synonyms {
    public struct Entry: Sendable, Equatable {
        /// The word as the other library writes it.
        public var word: String
        /// Sprout's name.
        public var sprout: String
        /// Where the word comes from, for the help line.
        public var origin: String
    }

    public static let table: [Entry] = [
        // Optimizer settings.
        .init(word: "learning_rate", sprout: "lr", origin: "Keras"),
        .init(word: "epsilon", sprout: "eps", origin: "Keras"),
        .init(word: "beta_1", sprout: "beta1", origin: "Keras"),
        .init(word: "beta_2", sprout: "beta2", origin: "Keras"),
        .init(word: "rho", sprout: "alpha", origin: "Keras' RMSprop"),
        // Losses.
        .init(word: "categorical_crossentropy", sprout: "cross_entropy", origin: "Keras"),
        .init(word: "sparse_categorical_crossentropy", sprout: "cross_entropy", origin: "Keras"),
        .init(word: "CrossEntropyLoss", sprout: "cross_entropy", origin: "PyTorch"),
        .init(word: "nll_loss", sprout: "cross_entropy", origin: "PyTorch"),
        .init(word: "binary_crossentropy", sprout: "binary_cross_entropy", origin: "Keras"),
        .init(word: "BCEWithLogitsLoss", sprout: "binary_cross_entropy", origin: "PyTorch"),
        .init(word: "mean_squared_error", sprout: "mse", origin: "Keras"),
        .init(word: "MSELoss", sprout: "mse", origin: "PyTorch"),
        .init(word: "mean_absolute_error", sprout: "mae", origin: "Keras"),
        .init(word: "L1Loss", sprout: "mae", origin: "PyTorch"),
        .init(word: "HuberLoss", sprout: "huber", origin: "PyTorch"),
        // Metrics.
        .init(word: "val_acc", sprout: "val_accuracy", origin: "Keras"),
        .init(word: "acc", sprout: "train_accuracy", origin: "Keras"),
        .init(word: "accuracy", sprout: "train_accuracy", origin: "Keras"),
        .init(word: "loss", sprout: "train_loss", origin: "Keras"),
        // Early stopping.
        .init(word: "monitor", sprout: "metric", origin: "Keras' EarlyStopping"),
        .init(word: "restore_best_weights", sprout: "restore_best", origin: "Keras' EarlyStopping"),
        // Schedules.
        .init(word: "cosine_annealing", sprout: "cosine", origin: "PyTorch's CosineAnnealingLR"),
        .init(word: "CosineAnnealingLR", sprout: "cosine", origin: "PyTorch"),
        .init(word: "CosineDecay", sprout: "cosine", origin: "Keras"),
        .init(word: "StepLR", sprout: "step", origin: "PyTorch"),
        .init(word: "ExponentialLR", sprout: "exponential", origin: "PyTorch"),
        .init(word: "ExponentialDecay", sprout: "exponential", origin: "Keras"),
        // Layers and their settings.
        .init(word: "Linear", sprout: "dense", origin: "PyTorch"),
        .init(word: "out_features", sprout: "units", origin: "PyTorch's Linear"),
        .init(word: "use_bias", sprout: "bias", origin: "Keras"),
        .init(word: "kernel_initializer", sprout: "weight_init", origin: "Keras"),
        .init(word: "bias_initializer", sprout: "bias_init", origin: "Keras"),
        .init(word: "BatchNormalization", sprout: "batch_norm", origin: "Keras"),
        .init(word: "BatchNorm1d", sprout: "batch_norm", origin: "PyTorch"),
        .init(word: "LayerNormalization", sprout: "layer_norm", origin: "Keras"),
        .init(word: "LayerNorm", sprout: "layer_norm", origin: "PyTorch"),
        .init(word: "ReLU", sprout: "relu", origin: "PyTorch"),
        .init(word: "LeakyReLU", sprout: "leaky_relu", origin: "PyTorch and Keras"),
        .init(word: "Conv2d", sprout: "conv2d", origin: "PyTorch"),
        .init(word: "out_channels", sprout: "filters", origin: "PyTorch's Conv2d"),
        .init(word: "strides", sprout: "stride", origin: "Keras"),
        .init(word: "dilation_rate", sprout: "dilation", origin: "Keras"),
        .init(word: "pool_size", sprout: "kernel_size", origin: "Keras"),
        .init(word: "MaxPool2d", sprout: "max_pool2d", origin: "PyTorch"),
        .init(word: "MaxPooling2D", sprout: "max_pool2d", origin: "Keras"),
        .init(word: "AvgPool2d", sprout: "avg_pool2d", origin: "PyTorch"),
        .init(word: "AveragePooling2D", sprout: "avg_pool2d", origin: "Keras"),
        .init(word: "GlobalAveragePooling2D", sprout: "global_avg_pool", origin: "Keras"),
        .init(word: "AdaptiveAvgPool2d", sprout: "global_avg_pool", origin: "PyTorch (with output size 1)"),
        .init(word: "dirac_", sprout: "dirac", origin: "PyTorch's init"),
        // Data.
        .init(word: "validation_split", sprout: "validation", origin: "Keras' fit"),
        .init(word: "test_size", sprout: "test", origin: "scikit-learn's train_test_split"),
        .init(word: "batch", sprout: "batch_size", origin: "PyTorch's DataLoader"),
        .init(word: "max_epochs", sprout: "epochs", origin: "PyTorch Lightning"),
    ]

    /// The key words are compared by: lowercased, without `_` and `-`.
    /// The table by `key` of its words, in table order: made once, not one `key` per entry per lookup (every unknown
    /// key of a file is looked up; 10 000 of them spent most of their time here, Fuzz/regressions/slow-render-one-line.yaml).
    static let byKey: [String: [Entry]] = Dictionary(grouping: table, by: { key($0.word) })

    public static func key(_ word: String) -> String {
        String(word.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }

    /// "did you mean 'lr'? ('learning_rate' is what Keras calls it)" when `word` is another library's name for one
    /// of `candidates`; nil otherwise.
    public static func help(for word: String, among candidates: [String]) -> String? {
        guard let entry = byKey[key(word)]?.first(where: { candidates.contains($0.sprout) && $0.sprout != word })
        else { return nil }
        return "did you mean '\(entry.sprout)'? ('\(Suggestions.display(word))' is what \(entry.origin) calls it)"
    }

    /// The help for a key `activation: <name>` on a layer that has `units` (a dense layer, as Keras writes
    /// `Dense(8, activation="relu")`): activations are nodes of their own in Sprout.
    public static func activationHelp(value: String?) -> String {
        let name = value.map(Suggestions.display) ?? "relu"
        return "activations are nodes of their own in Sprout: remove `activation: \(name)` and add `- \(name)` as the "
            + "next layer"
    }
}
