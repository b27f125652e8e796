/// One chart of the report: what it plots and from which run or sweep. The page gets a `<canvas>` per chart, its
/// `data-` attributes naming the kind and the index into `ReportData`, and the script draws each from the embedded
/// data. The list is decided here, not in the script, so that the page holds exactly the charts that have
/// something to show (no accuracy chart for a regression run) and a test can count them in the page's HTML.
package struct ReportChart: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        /// A run's train and validation loss per epoch.
        case loss
        /// A run's train and validation accuracy per epoch.
        case accuracy
        /// A run's distinct units per dense layer over epochs (layers.csv): 1 for a layer whose symmetry nothing
        /// broke.
        case distinctUnits = "distinct_units"
        /// A run's activation std per node over epochs (layers.csv).
        case activationStd = "activation_std"
        /// One metric of a sweep, a line per variant.
        case sweep
    }

    package var kind: Kind
    /// The run's index (a sweep's for `.sweep`) in `ReportData`.
    package var index: Int
    /// A sweep chart's metrics.csv column (`train_loss`, ...); nil for the others.
    package var metric: String?

    /// The metrics a sweep is charted by, in the page's order.
    package static let sweepMetrics = ["train_loss", "val_loss", "train_accuracy", "val_accuracy"]

    /// A run's charts: loss and accuracy when metrics.csv has them, the layer charts when layers.csv has them.
    package static func charts(run index: Int, of data: ReportData) -> [ReportChart] {
        let run = data.runs[index]
        var charts: [ReportChart] = []
        if !run.metrics.epoch.isEmpty { charts.append(ReportChart(kind: .loss, index: index)) }
        if run.metrics.trainAccuracy.contains(where: { $0 != nil }) || run.metrics.validationAccuracy.contains(where: { $0 != nil }) {
            charts.append(ReportChart(kind: .accuracy, index: index))
        }
        if run.layers.contains(where: { $0.distinctUnits.contains { $0 != nil } }) {
            charts.append(ReportChart(kind: .distinctUnits, index: index))
        }
        if !run.layers.isEmpty { charts.append(ReportChart(kind: .activationStd, index: index)) }
        return charts
    }

    /// A sweep's charts: one per metric that some variant logged.
    package static func charts(sweep index: Int, of data: ReportData) -> [ReportChart] {
        let runs = data.sweeps[index].runs.map { data.runs[$0].metrics }
        return sweepMetrics.filter { metric in runs.contains { column(metric, of: $0).contains { $0 != nil } } }
            .map { ReportChart(kind: .sweep, index: index, metric: $0) }
    }

    /// metrics.csv's column `name` of `metrics`.
    static func column(_ name: String, of metrics: ReportData.Metrics) -> [Double?] {
        switch name {
        case "train_loss": metrics.trainLoss.map { $0 }
        case "val_loss": metrics.validationLoss
        case "train_accuracy": metrics.trainAccuracy
        case "val_accuracy": metrics.validationAccuracy
        default: []
        }
    }

    /// The chart's caption in the page.
    package var title: String {
        switch kind {
        case .loss: "loss per epoch"
        case .accuracy: "accuracy per epoch"
        case .distinctUnits: "distinct units per dense layer"
        case .activationStd: "activation std per node"
        case .sweep: "\(metric ?? "") per epoch, a line per variant"
        }
    }

    package init(kind: Kind, index: Int, metric: String? = nil) {
        self.kind = kind
        self.index = index
        self.metric = metric
    }
}
