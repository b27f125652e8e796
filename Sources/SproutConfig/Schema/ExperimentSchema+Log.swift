/// `log:`: what is logged and how often.
extension ExperimentSchema {
    public static let log = ObjectSchema("What is logged, and how often.", [
        // 1: small experiments want every epoch; epoch 0 and the last are always logged.
        Field("every", .integer(1...Int(Int32.max)), .defaultValue(.integer(1)),
              "Log every N epochs (epoch 0 and the last epoch always)."),
        // true: the per-layer diagnostics are what shows symmetry (distinct_units) and vanishing signals; they cost a
        // few percent of training time on logged epochs (docs/performance.md).
        Field("layers", .boolean, .defaultValue(.boolean(true)),
              "Write layers.csv: per-layer diagnostics (distinct units, activation and gradient spread) on logged epochs."),
        Field("checkpoints", .object(checkpoints), .optional("no checkpoints"),
              "Which weights are saved as safetensors files."),
    ])

    public static let checkpoints = ObjectSchema("Weights saved as safetensors, with PyTorch state_dict names.", [
        // true, both: the first and last weights are what a run is inspected and continued from, and they take the
        // network's size twice on disk (a few kilobytes for the shipped configs).
        Field("init", .boolean, .defaultValue(.boolean(true)), "Save init.safetensors before the first update."),
        Field("final", .boolean, .defaultValue(.boolean(true)), "Save final.safetensors as the run ends (whatever its status)."),
        // 0: no periodic checkpoints; they cost disk space, so they are asked for.
        Field("every", .integer(0...Int(Int32.max)), .defaultValue(.integer(0)),
              "Save epoch-N.safetensors every N epochs (0: never)."),
    ])
}
