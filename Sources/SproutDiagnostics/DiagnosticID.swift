/// The stable name of the rule behind a diagnostic, printed after the message (`... 'dence' [unknown-choice]`).
///
/// One id per rule or kind of message, never per call site, so that a user (and, later, a config acknowledging a
/// warning) can name what was reported whatever the wording. The ids are an interface: once released, an id keeps
/// its meaning and spelling; a rule that changes meaning gets a new id. Every id is listed, with its severity, what
/// it means and how to fix it, in docs/diagnostics.md, and `DiagnosticCatalogueTests` checks that the table and
/// this enum hold the same set.
///
/// The ids live in one enum, rather than as constants spread over the modules, so that the set is closed
/// (`CaseIterable` for the docs test) and a repeated spelling is a compile error (two cases cannot share a raw
/// value). The messages stay next to the rules that emit them, which name their id as a typed constant.
public enum DiagnosticID: String, CaseIterable, Hashable, Sendable {
    // MARK: Files (SproutYAML's FileReader and SourceText, SproutConfig's data files and safetensors files)

    /// A file Sprout reads is larger than its bound (config, CSV, IDX labels).
    case fileTooLarge = "file-too-large"
    /// A file cannot be read: a directory, not a regular file, no permission, an I/O error.
    case unreadableFile = "unreadable-file"
    /// A data or safetensors file named by the config does not exist.
    case fileNotFound = "file-not-found"
    /// A config file's bytes are not UTF-8.
    case invalidUTF8 = "invalid-utf8"
    /// A config file contains a NUL byte.
    case nulByte = "nul-byte"
    /// A config file is empty.
    case emptyFile = "empty-file"

    // MARK: YAML (SproutYAML's YAMLMessages, LibYAMLFailure+Diagnostic)

    /// libyaml cannot read the text as YAML (indentation, tabs, unclosed brackets, control characters).
    case yamlSyntax = "yaml-syntax"
    /// More than one YAML document in a file.
    case severalDocuments = "several-documents"
    /// The top level of the file is not a mapping.
    case topLevelNotMapping = "top-level-not-mapping"
    /// Nesting deeper than the YAML limit.
    case nestingTooDeep = "nesting-too-deep"
    /// More nodes than the YAML limit.
    case tooManyYAMLNodes = "too-many-yaml-nodes"
    /// Alias expansion would exceed the node limit ("billion laughs").
    case aliasExpansionTooLarge = "alias-expansion-too-large"
    /// `*name` without an earlier `&name`.
    case undefinedAlias = "undefined-alias"
    /// An alias used inside the node it refers to.
    case recursiveAlias = "recursive-alias"
    /// A key written twice in one mapping.
    case duplicateKey = "duplicate-key"
    /// A mapping key that is a list or a mapping.
    case nonScalarKey = "non-scalar-key"
    /// An integer outside 64 bits.
    case integerOverflow = "integer-overflow"
    /// A number outside a 64-bit float.
    case floatOverflow = "float-overflow"
    /// A tag other than the core schema's.
    case unsupportedTag = "unsupported-tag"
    /// A core tag on a value it does not describe (`!!int abc`, `!!map` on a list).
    case tagMismatch = "tag-mismatch"
    /// A merge key `<<` whose value is not a mapping or a list of mappings.
    case invalidMergeValue = "invalid-merge-value"

    // MARK: Settings (SproutConfig's SectionReader, UnionReader, DiagnosticCollector+Scalars)

    /// A key the section (or the chosen type) does not have.
    case unknownKey = "unknown-key"
    /// A required key is missing.
    case missingKey = "missing-key"
    /// A word that is not one of the valid choices: a layer type, an initializer, a loss, a mode.
    case unknownChoice = "unknown-choice"
    /// A value of the wrong kind: a string for a number, a list for a mapping, a float for an integer.
    case typeMismatch = "type-mismatch"
    /// A number outside its allowed range (float32's included).
    case outOfRange = "out-of-range"
    /// A number that is NaN or infinite.
    case notFinite = "not-finite"
    /// A list that must have at least one element is empty.
    case emptyList = "empty-list"
    /// A setting that must be one character (the CSV delimiter) is not.
    case notOneCharacter = "not-one-character"
    /// Two bounds of an interval in the wrong order (`low < high`, `a < b`).
    case emptyRange = "empty-range"
    /// A setting that does not apply to what else is written (`bias_init` with `bias: false`).
    case inapplicableSetting = "inapplicable-setting"
    /// A setting that is legal but has no effect (`fill_value` without `missing: fill`).
    case ignoredSetting = "ignored-setting"
    /// A documented setting value the decoder does not support yet.
    case notSupported = "not-supported"
    /// The language lists a choice the decoder does not handle: a bug in Sprout.
    case internalError = "internal-error"

    // MARK: Names (SproutConfig's NameRules)

    /// The run name (or the file name standing for it) cannot be a directory name.
    case invalidRunName = "invalid-run-name"
    /// A node name holds characters parameter names cannot.
    case invalidNodeName = "invalid-node-name"

    // MARK: Model graph (SproutConfig's ModelDecoder, RepeatDecoder, GraphRules)

    /// Two nodes with one name.
    case duplicateNode = "duplicate-node"
    /// A name that is no node (`inputs`, `output`).
    case unknownNode = "unknown-node"
    /// A node reads the wrong number of inputs.
    case inputCount = "input-count"
    /// A node reads its own output.
    case readsItself = "reads-itself"
    /// The graph has a cycle.
    case graphCycle = "graph-cycle"
    /// An add node's inputs differ in width.
    case addWidthMismatch = "add-width-mismatch"
    /// `model.input_width` disagrees with the data.
    case inputWidthMismatch = "input-width-mismatch"
    /// `data.shape` is not `[features]` or `[channels, height, width]` of the data's number of features.
    case dataShapeMismatch = "data-shape-mismatch"
    /// A node that reads an image (conv2d, a pool, flatten) reads flat features.
    case needsImage = "needs-image"
    /// A dense layer reads an image.
    case needsFlat = "needs-flat"
    /// A window (kernel, dilation, padding) larger than the image it slides over.
    case windowTooLarge = "window-too-large"
    /// A pool's padding is more than half its kernel (PyTorch's rule; dilation does not count).
    case paddingTooLarge = "padding-too-large"
    /// A conv2d's groups do not divide its input channels or its filters.
    case groupsMismatch = "groups-mismatch"
    /// A concat of images of different heights or widths, or of an image and flat features.
    case concatShapeMismatch = "concat-shape-mismatch"
    /// An initializer that has no meaning for the tensor it fills (dirac on a dense weight, identity or sparse on
    /// a conv2d kernel).
    case initializerNotApplicable = "initializer-not-applicable"
    /// The output node's width disagrees with the loss and the data.
    case outputWidthMismatch = "output-width-mismatch"
    /// A repeat block inside a repeat block.
    case nestedRepeat = "nested-repeat"
    /// The model, its repeats expanded, has more nodes than Sprout's limit.
    case modelTooLarge = "model-too-large"
    /// A `model.init.rules` entry sets neither weight nor bias.
    case emptyInitRule = "empty-init-rule"
    /// A safetensors file whose header cannot be read (too short, not JSON, offsets that do not fit).
    case invalidSafetensors = "invalid-safetensors"
    /// A safetensors file lacks the tensor a parameter loads.
    case missingTensor = "missing-tensor"
    /// A safetensors tensor's shape differs from the parameter's.
    case tensorShapeMismatch = "tensor-shape-mismatch"
    /// A safetensors tensor is not float32.
    case unsupportedDType = "unsupported-dtype"

    // MARK: Model warnings (SproutConfig's GraphRules+Warnings, GraphRules+SharedSeed)

    /// A node the output does not depend on.
    case unusedNode = "unused-node"
    /// A hidden dense layer whose units all start with the same weights.
    case symmetricInit = "symmetric-init"
    /// He/kaiming's ReLU gain in front of tanh or sigmoid.
    case reluGainBeforeSquashing = "relu-gain-before-squashing"
    /// Two parameters of one shape drawing the same numbers from one initializer seed.
    case sharedSeed = "shared-seed"
    /// An init rule whose pattern matches no dense node.
    case unmatchedInitRule = "unmatched-init-rule"

    // MARK: Data (SproutConfig's DataDecoder, DataFileRules, CSVFileCheck, IDXFileCheck)

    /// A CSV file that cannot be read with the given options.
    case invalidCSV = "invalid-csv"
    /// An IDX pair that cannot be read (magic, sizes, counts).
    case invalidIDX = "invalid-idx"
    /// The validation or test fraction leaves no example to train, to validate or to test on.
    case emptySplit = "empty-split"
    /// A validation source that is generated or bundled.
    case validationNotFile = "validation-not-file"
    /// A validation source whose features, targets or class names differ from the training source's.
    case validationMismatch = "validation-mismatch"
    /// A test source that is generated or bundled.
    case testNotFile = "test-not-file"
    /// A test source whose features, targets or class names differ from the training source's.
    case testMismatch = "test-mismatch"

    // MARK: Training (SproutConfig's TrainDecoder, OptimizerDecoder, ScheduleDecoder, LossRules, ExperimentDecoder)

    /// A loss that does not fit the data's targets.
    case lossDataMismatch = "loss-data-mismatch"
    /// An early-stopping metric that the loss does not produce.
    case metricLossMismatch = "metric-loss-mismatch"
    /// Early stopping on a validation metric without validation data.
    case noValidationData = "no-validation-data"
    /// An early-stopping mode that counts a worsening as an improvement.
    case reversedStoppingMode = "reversed-stopping-mode"
    /// Nesterov momentum without momentum.
    case nesterovWithoutMomentum = "nesterov-without-momentum"
    /// A learning rate far above what the optimizer usually survives.
    case highLearningRate = "high-learning-rate"
    /// A step schedule whose first decay comes after the last epoch.
    case scheduleNeverDecays = "schedule-never-decays"
    /// A warm-up as long as the run.
    case warmupTooLong = "warmup-too-long"
    /// The experiment needs more memory than Sprout's limit.
    case memoryLimit = "memory-limit"

    // MARK: Sweeps (SproutConfig's Sweep, SweepPaths, ConfigLoader)

    /// A sweep path that names no setting, or cannot be written into the config.
    case invalidSweepPath = "invalid-sweep-path"
    /// A sweep with more combinations than Sprout runs.
    case tooManyRuns = "too-many-runs"

    // MARK: Composition and overrides (SproutConfig's ConfigOverride, ConfigOverrides+Apply, ConfigExtends)

    /// A command-line override that cannot be read or applied: no value, an ambiguous comma, a key given twice,
    /// `+key` for a key already written, `~key` for one that is not.
    case invalidOverride = "invalid-override"
    /// `extends` names a base that cannot be read, or the chain of bases comes back to a config already in it.
    case invalidExtends = "invalid-extends"

    // MARK: Command line (the CLI's ConfigPaths)

    /// A path named on the command line that gives no config: missing, a run directory, or no YAML files.
    case badConfigPath = "bad-config-path"
    /// `expect_warnings` lists a rule id that no warning of the config has (a stale acknowledgement).
    case unmatchedExpectation = "unmatched-expectation"

    /// Whether the rule's finding stops a config (error) or only informs (warning). A rule has one severity, so
    /// that acknowledging a warning by its id can never hide an error.
    public var severity: Diagnostic.Severity {
        switch self {
        case .ignoredSetting, .unusedNode, .symmetricInit, .reluGainBeforeSquashing, .sharedSeed, .unmatchedInitRule,
             .reversedStoppingMode, .highLearningRate, .scheduleNeverDecays, .unmatchedExpectation:
            return .warning
        default:
            return .error
        }
    }
}
