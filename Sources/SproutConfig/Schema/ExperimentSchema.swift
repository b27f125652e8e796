/// The experiment language: every section, key, type, range and default, stated once. One file a section:
/// ExperimentSchema+Data, +Model, +Nodes, +Initializers, +Train, +Log.
///
/// The decoders read keys, ranges and defaults from here, and `sprout schema` writes this as JSON Schema, so an
/// editor and Sprout accept the same files. Each default says why it was chosen.
public enum ExperimentSchema {
    /// The whole file.
    public static let top = ObjectSchema("A Sprout experiment: data, model, training and logging.", [
        Field("name", .name(.run), .optional("the file's stem"),
              "The run's name and its directory under runs/: letters, digits, '-', '_', '.'."),
        Field("description", .string, .optional("empty"), "Free text about the experiment."),
        // 0: a fixed seed keeps runs reproducible by default; change it to see run-to-run variation.
        Field("seed", .integer(0...Int(Int64.max)), .defaultValue(.integer(0)),
              "The one seed every random stream (initialization, data, shuffling) derives from, except an initializer's own seed."),
        Field("data", .union(data), .required, "Where the examples come from."),
        Field("model", .object(model), .required, "The network: a list of named nodes."),
        Field("train", .object(train), .required, "Loss, optimizer, epochs and batch size."),
        Field("log", .object(log), .optional("log every epoch"), "What is logged, and how often."),
        Field("extends", .either([.string, .list(.string, minItems: 1)]), .optional("none"),
              "Configs this one is written as changes to, relative to its folder: merged in order, mappings key by key "
                  + "(model.layers by node name), lists and scalars replaced; name is not inherited."),
        Field("expect_warnings", .list(.string, minItems: 1), .optional("none"),
              "Rule ids of warnings that are the point of the experiment (e.g. symmetric-init): not printed, not "
                  + "counted by --strict; a listed id that matches no warning is itself a warning."),
        Field("sweep", .dictionary(keys: "A dotted path to a setting: seed, train.optimizer.lr, model.init.weight, "
                                       + "model.layers.<node>.units.",
                                   values: .list(.any, minItems: 1)),
              .optional("no sweep: one run"),
              "Runs of every combination of these values (the cartesian product), each in runs/<name>/<variant>/."),
    ])

    /// Named definitions that `.reference` points at.
    public static let definitions: [(name: String, type: SchemaType)] = [
        ("layer", .union(layer)),
        ("repeat", .object(repeatBlock)),
        ("initializer", .union(initializer)),
        ("optimizer", .union(optimizer)),
        ("validation_source", .union(validationSource)),
        ("test_source", .union(testSource)),
    ]
}
