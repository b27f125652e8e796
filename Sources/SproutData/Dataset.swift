/// Examples in memory: features row-major (count × featureCount) as float32, and a class index per example.
public struct Dataset: Sendable {
    public var features: [Float]
    public var labels: [Int32]
    public var featureCount: Int
    public var classCount: Int

    public var count: Int { labels.count }

    public init(features: [Float], labels: [Int32], featureCount: Int, classCount: Int) {
        self.features = features
        self.labels = labels
        self.featureCount = featureCount
        self.classCount = classCount
    }
}
