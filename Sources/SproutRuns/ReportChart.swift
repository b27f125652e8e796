/// One chart of the report: what it plots and from which run or sweep. Each section of the page lists its charts in
/// `data-charts` (`token`s), and the script makes a `<canvas>` for each, named by `data-chart`, `data-index` (into
/// `ReportData`'s runs or sweeps) and `data-metric`, when the section comes near the view, and draws it from the
/// embedded data. The list is decided here, not in the script, so that the page holds exactly the charts that have
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
        /// A run's gradient std (of dL/d node output) per node over epochs (layers.csv's `gradient_std`).
        case gradientStd = "gradient_std"
        /// A run's dead fraction per relu node and saturated fraction per tanh/sigmoid node over epochs.
        case deadSaturated = "dead_saturated"
        /// The depth view of a run: activation and gradient std per node at initialization (layers.csv's epoch 0,
        /// what `sprout show --probe` prints), nodes in executed order, on a log scale (He et al. 2015, Fig. 3).
        case depth
        /// One metric of a sweep, a line per variant.
        case sweep
        /// A sweep's symmetry view: distinct units of its first dense or conv2d layer over epochs, a line per variant.
        case sweepDistinctUnits = "sweep_distinct_units"
        /// A sweep's depth view: `metric` (activation_std or gradient_std) per node at initialization, a line per
        /// variant, on a log scale: the initializers' figure of Glorot and Bengio 2010 and He et al. 2015.
        case sweepDepth = "sweep_depth"
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
        if run.layers.contains(where: { $0.gradientStd != nil }) { charts.append(ReportChart(kind: .gradientStd, index: index)) }
        if run.layers.contains(where: { $0.deadFraction != nil || $0.saturatedFraction != nil }) {
            charts.append(ReportChart(kind: .deadSaturated, index: index))
        }
        if hasDepthView(run) { charts.append(ReportChart(kind: .depth, index: index)) }
        return charts
    }

    /// A sweep's charts: one per metric that some variant logged, the first dense or conv2d layer's distinct units, and the
    /// depth view of activation and gradient std when the variants have one.
    package static func charts(sweep index: Int, of data: ReportData) -> [ReportChart] {
        let runs = data.sweeps[index].runs.map { data.runs[$0] }
        var charts = sweepMetrics.filter { metric in runs.contains { column(metric, of: $0.metrics).contains { $0 != nil } } }
            .map { ReportChart(kind: .sweep, index: index, metric: $0) }
        if runs.contains(where: { $0.layers.contains { $0.distinctUnits.contains { $0 != nil } } }) {
            charts.append(ReportChart(kind: .sweepDistinctUnits, index: index))
        }
        if runs.contains(where: hasDepthView) {
            charts.append(ReportChart(kind: .sweepDepth, index: index, metric: "activation_std"))
            if runs.contains(where: { $0.layers.contains { $0.gradientStd != nil } }) {
                charts.append(ReportChart(kind: .sweepDepth, index: index, metric: "gradient_std"))
            }
        }
        return charts
    }

    /// Whether a run has a depth view: layers.csv rows at epoch 0 (initialization) for two nodes or more, so that
    /// there is a depth to plot, and a positive activation std in one of them, since the log scale cannot show 0
    /// (an all-zero start has nothing to draw there; its activation std chart shows the zeros).
    static func hasDepthView(_ run: ReportData.Run) -> Bool {
        let atInit = run.layers.filter { $0.epoch.first == 0 }
        return atInit.count >= 2 && atInit.contains { ($0.activationStd.first ?? nil).map { $0 > 0 && $0.isFinite } ?? false }
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

    /// The chart in a section's `data-charts` list: its kind, and its metric after a colon (`sweep:val_loss`).
    package var token: String { kind.rawValue + (metric.map { ":" + $0 } ?? "") }

    package init(kind: Kind, index: Int, metric: String? = nil) {
        self.kind = kind
        self.index = index
        self.metric = metric
    }
}
