/// Examples in memory: features row-major (count × featureCount) as float32, and per example either a class index
/// (classification) or `targetWidth` real targets (regression).
public struct Dataset: Sendable {
    public var features: [Float]
    /// The class of each example; empty for regression data.
    public var labels: [Int32]
    /// Regression targets row-major (count × targetWidth); empty for classification data.
    public var targets: [Float]
    public var featureCount: Int
    /// The number of classes; 0 for regression data.
    public var classCount: Int
    /// Targets per example for regression (the network's output width); 0 for classification data.
    public var targetWidth: Int
    /// The name of each class in class order, when the source named them (a CSV column of text, whose distinct
    /// values are numbered in sorted order), so that a run can record the mapping; `nil` otherwise.
    public var classNames: [String]?

    public var isRegression: Bool { targetWidth > 0 }
    public var count: Int { isRegression ? targets.count / targetWidth : labels.count }

    /// Classification data.
    public init(features: [Float], labels: [Int32], featureCount: Int, classCount: Int, classNames: [String]? = nil) {
        self.features = features
        self.labels = labels
        self.targets = []
        self.featureCount = featureCount
        self.classCount = classCount
        self.targetWidth = 0
        self.classNames = classNames
    }

    /// Regression data: `targets` holds `targetWidth` values per example (at least 1).
    public init(features: [Float], targets: [Float], featureCount: Int, targetWidth: Int) {
        self.features = features
        self.labels = []
        self.targets = targets
        self.featureCount = featureCount
        self.classCount = 0
        self.targetWidth = max(1, targetWidth)
        self.classNames = nil
    }
}
