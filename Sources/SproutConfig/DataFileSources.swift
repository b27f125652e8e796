import SproutDataFiles

/// A CSV source as written (its path resolved) and as checked while validating: the counts the rules need, so that
/// the spec stays a plain value (the rows themselves are read by the engine).
public struct CSVSource: Sendable, Hashable, Codable {
    /// Absolute and standardized: a relative `path` is resolved against the config file's folder.
    public var path: String
    /// The target column's name in the header.
    public var target: String
    /// The one-byte field separator.
    public var delimiter: UInt8
    /// Always true for now (see `ExperimentSchema.dataSources`).
    public var header: Bool
    /// The feature columns as listed; `nil`: every column but the target.
    public var features: [String]?
    /// What a missing value does (`missing`, with `fill_value` for `fill`).
    public var missing: MissingValuePolicy
    /// Data rows kept (the header, blank lines and dropped rows not counted).
    public var rows: Int
    /// The number of features.
    public var featureCount: Int
    /// The number of classes when the targets are class labels or class names, else `nil` (regression targets).
    public var classes: Int?
    /// The class names in class order, when the target column holds text.
    public var classNames: [String]?
    /// Where the text of a class-name target column first shows ("'setosa' on line 2"), for messages.
    public var firstText: String?

    public init(path: String, target: String, delimiter: UInt8, header: Bool, features: [String]? = nil,
                missing: MissingValuePolicy = .error, rows: Int, featureCount: Int, classes: Int?,
                classNames: [String]? = nil, firstText: String? = nil) {
        self.path = path
        self.target = target
        self.delimiter = delimiter
        self.header = header
        self.features = features
        self.missing = missing
        self.rows = rows
        self.featureCount = featureCount
        self.classes = classes
        self.classNames = classNames
        self.firstText = firstText
    }

    /// How the engine reads the file: the same options the check read it with.
    public var options: CSVOptions {
        CSVOptions(delimiter: delimiter, target: target, features: features, missing: missing)
    }
}

/// An IDX source: two files, resolved like a CSV path, and what their headers and labels say.
public struct IDXSource: Sendable, Hashable, Codable {
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
