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
        // 60 s: a hard kill (SIGKILL, out of memory, power loss) loses at most about a minute of training plus the
        // epoch in progress (SIGINT and SIGTERM lose nothing: the state is saved at the step they stop at); writing the
        // state (the parameters and the optimizer's buffers) takes a negligible part of a minute for the networks
        // Sprout trains, and a run shorter than a minute, every shipped config, writes none.
        // auto: the metric early stopping watches, by its rule, so that best.safetensors holds the epoch it counts
        // as best (what restore_best restores); nothing without early stopping, since a best file is asked for.
        Field("best", .word(["auto", "none"] + earlyStoppingMetrics), .defaultValue(.word("auto")),
              "Save best.safetensors whenever this metric improves on a logged epoch: auto = early stopping's metric "
                  + "and rule (none without early stopping), none, or a metric by its natural direction."),
        Field("resume_every", .number(.nonNegative), .defaultValue(.number(60)),
              "Save resume.safetensors, the whole training state a rerun continues from, at the end of the first "
                  + "epoch at least this many seconds after the last save (0: every epoch); a stop asked for by "
                  + "SIGINT or SIGTERM always saves it. Removed when the run completes."),
    ])
}
