/// What `sprout report` shows, as one value: embedded in the page as a single JSON object
/// (`<script type="application/json" id="sprout-data">`), from which the page's script draws every chart, and which a
/// test reads back to compare with the CSV files it came from (docs/report.md).
///
/// Series are stored as columns (one array per CSV column, the rows' order kept) rather than as rows of objects:
/// Chart.js takes columns, and a column repeats no key names, so a report of many runs stays small. Keys are the CSV
/// files' own column names, so that the embedded data reads like the files. A value a CSV cell leaves empty is
/// `null`; a non-finite one (a diverged run's loss) is the text metrics.csv writes for it (`"nan"`, `"inf"`,
/// `"-inf"`), since JSON has no such numbers and dropping them would hide the divergence.
package struct ReportData: Codable, Sendable, Equatable {
    package var runs: [Run]
    package var sweeps: [Sweep]

    package init(runs: [Run], sweeps: [Sweep]) {
        self.runs = runs
        self.sweeps = sweeps
    }

    /// One run directory: run.json's summary (with its test evaluation, best epoch, restored epoch and resumes),
    /// metrics.csv's columns, layers.csv's series.
    package struct Run: Codable, Sendable, Equatable {
        /// The run directory relative to the folder reported (with several folders: prefixed by the folder).
        package var path: String
        package var status: String
        /// The first dense or conv2d layer's weight initializer (config.yaml), as `sprout summarize` names it.
        package var initializer: String?
        package var epochs: Int
        package var epochsCompleted: Int
        /// From run.json's start to its end; nil while it runs.
        package var seconds: Double?
        /// run.json's `final`: metrics.csv's last row.
        package var final: RunRecord.FinalMetrics?
        /// layers.csv's `distinct_units` of the first dense or conv2d layer at the last logged epoch.
        package var distinctUnits: Int?
        package var metrics: Metrics
        /// One per node of layers.csv, in the file's order; empty without layers.csv.
        package var layers: [Layer]
        /// The run recorded before this one under the same name (the store's previous entry), drawn dashed under
        /// this run's loss and accuracy; nil for a first run or a run outside the store.
        package var previous: Previous?
        /// run.json's `test`: the test split's evaluation (`Evaluation`, its keys as run.json writes them); nil
        /// without a test split.
        package var test: Evaluation?
        /// run.json's `best`: the epoch best.safetensors holds, the metric it follows and its value there.
        package var best: RunRecord.Best?
        /// run.json's `restored_best`: the epoch whose weights final.safetensors holds (early stopping's restore_best).
        package var restoredBest: Int?
        /// How many times the run was resumed (run.json's `resumes`, counted).
        package var resumes: Int

        package init(path: String, status: String, initializer: String? = nil, epochs: Int = 0, epochsCompleted: Int = 0,
                     seconds: Double? = nil, final: RunRecord.FinalMetrics? = nil, distinctUnits: Int? = nil,
                     metrics: Metrics = Metrics(), layers: [Layer] = [], previous: Previous? = nil,
                     test: Evaluation? = nil, best: RunRecord.Best? = nil, restoredBest: Int? = nil, resumes: Int = 0) {
            self.path = path
            self.status = status
            self.initializer = initializer
            self.epochs = epochs
            self.epochsCompleted = epochsCompleted
            self.seconds = seconds
            self.final = final
            self.distinctUnits = distinctUnits
            self.metrics = metrics
            self.layers = layers
            self.previous = previous
            self.test = test
            self.best = best
            self.restoredBest = restoredBest
            self.resumes = resumes
        }

        enum CodingKeys: String, CodingKey {
            case path, status, initializer, epochs, epochsCompleted = "epochs_completed", seconds, final,
                 distinctUnits = "distinct_units", metrics, layers, previous, test, best,
                 restoredBest = "restored_best", resumes
        }
    }

    /// The store's previous entry of a run's name: which entry, what differs from it (`StoredRun.changes`: config
    /// keys, data files, Sprout's version; empty for a forced rerun of the same inputs), and its metrics.
    package struct Previous: Codable, Sendable, Equatable {
        /// The entry's id (`20261203-175513.123-<fingerprint>`): when it started, what it was trained from.
        package var id: String
        package var status: String
        package var changes: [String]
        package var metrics: Metrics

        package init(id: String, status: String, changes: [String], metrics: Metrics) {
            self.id = id
            self.status = status
            self.changes = changes
            self.metrics = metrics
        }
    }

    /// metrics.csv's plotted columns.
    package struct Metrics: Codable, Sendable, Equatable {
        package var epoch: [Int] = []
        package var trainLoss: [Double] = []
        package var trainAccuracy: [Double?] = []
        package var validationLoss: [Double?] = []
        package var validationAccuracy: [Double?] = []

        package init() {}

        enum CodingKeys: String, CodingKey {
            case epoch, trainLoss = "train_loss", trainAccuracy = "train_accuracy", validationLoss = "val_loss",
                 validationAccuracy = "val_accuracy"
        }
    }

    /// One node's rows of layers.csv. The columns only some nodes have (`gradient_std`: nodes a gradient reached,
    /// in files that have the column; `dead_fraction`: relu and leaky_relu; `saturated_fraction`: tanh, softsign,
    /// sigmoid) are nil when every cell of the node is empty, so they cost nothing in the page where they do not
    /// apply.
    package struct Layer: Codable, Sendable, Equatable {
        package var node: String
        package var epoch: [Int] = []
        package var activationStd: [Double?] = []
        /// Empty cells (every node but dense ones) are nil.
        package var distinctUnits: [Int?] = []
        package var gradientStd: [Double?]?
        package var deadFraction: [Double?]?
        package var saturatedFraction: [Double?]?

        package init(node: String) { self.node = node }

        enum CodingKeys: String, CodingKey {
            case node, epoch, activationStd = "activation_std", distinctUnits = "distinct_units",
                 gradientStd = "gradient_std", deadFraction = "dead_fraction", saturatedFraction = "saturated_fraction"
        }
    }

    /// A sweep's runs: the variant folders below one `<name>/` folder that holds the sweep's summary.csv.
    package struct Sweep: Codable, Sendable, Equatable {
        /// The sweep's folder, as the runs' paths start.
        package var path: String
        /// Indices into `runs`, in the runs' order.
        package var runs: [Int]
        /// Each variant's folder name (`weight=zeros`): the swept values, the label of its line.
        package var variants: [String]

        package init(path: String, runs: [Int], variants: [String]) {
            self.path = path
            self.runs = runs
            self.variants = variants
        }
    }
}
