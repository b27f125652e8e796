/// A CSV source as written (its path resolved) and as probed while validating: the counts the rules need, so that
/// the spec stays a plain value (the rows themselves are read by the engine, later).
public struct CSVSource: Sendable, Hashable {
    /// Absolute and standardized: a relative `path` is resolved against the config file's folder.
    public var path: String
    /// The target column's name in the header.
    public var target: String
    /// The one-byte field separator.
    public var delimiter: UInt8
    /// Always true for now (see `ExperimentSchema.dataSources`).
    public var header: Bool
    /// Data rows (the header and blank lines not counted).
    public var rows: Int
    /// Columns besides the target.
    public var featureCount: Int
    /// max + 1 when every target is a whole number from 0 to 999, else `nil` (regression targets).
    public var classes: Int?

    public init(path: String, target: String, delimiter: UInt8, header: Bool, rows: Int, featureCount: Int,
                classes: Int?) {
        self.path = path
        self.target = target
        self.delimiter = delimiter
        self.header = header
        self.rows = rows
        self.featureCount = featureCount
        self.classes = classes
    }
}

/// An IDX source: two files, resolved like a CSV path, and what their headers and labels say.
public struct IDXSource: Sendable, Hashable {
    public var images: String
    public var labels: String
    /// Each pixel byte is divided by this.
    public var scale: Double
    /// Images, and labels (the two counts must agree).
    public var count: Int
    public var rows: Int
    public var columns: Int
    /// The largest label + 1.
    public var classes: Int

    public init(images: String, labels: String, scale: Double, count: Int, rows: Int, columns: Int, classes: Int) {
        self.images = images
        self.labels = labels
        self.scale = scale
        self.count = count
        self.rows = rows
        self.columns = columns
        self.classes = classes
    }
}
