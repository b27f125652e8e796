/// `log:`: what is logged and how often.
extension ExperimentSchema {
    public static let log = ObjectSchema("What is logged, and how often.", [
        // 1: small experiments want every epoch; epoch 0 and the last are always logged.
        Field("every", .integer(1...Int(Int32.max)), .defaultValue(.integer(1)),
              "Log every N epochs (epoch 0 and the last epoch always)."),
        // false for now: the engine does not write layers.csv yet (the run-directory issue brings it, and with it
        // this default may become true). Asking for it today makes `sprout run` refuse the config, never ignore it.
        Field("layers", .boolean, .defaultValue(.boolean(false)),
              "Write layers.csv: per-layer diagnostics (distinct units, activation and gradient spread) on logged epochs."),
        Field("checkpoints", .object(checkpoints), .optional("no checkpoints"),
              "Which weights are saved as safetensors files."),
    ])

    public static let checkpoints = ObjectSchema("Weights saved as safetensors, with PyTorch state_dict names.", [
        // false for now, like log.layers: the engine does not write checkpoints yet.
        Field("init", .boolean, .defaultValue(.boolean(false)), "Save init.safetensors before the first update."),
        Field("final", .boolean, .defaultValue(.boolean(false)), "Save final.safetensors after the last epoch."),
        // 0: no periodic checkpoints; they cost disk space, so they are asked for.
        Field("every", .integer(0...Int(Int32.max)), .defaultValue(.integer(0)),
              "Save epoch-N.safetensors every N epochs (0: never)."),
    ])
}
