/// How to read a CSV source: the language's `csv` parameters.
public struct CSVOptions: Sendable, Hashable {
    /// The one-byte field separator.
    public var delimiter: UInt8
    /// The target column's name in the header.
    public var target: String
    /// The feature columns by name, in this order; `nil`: every column but the target, in file order.
    public var features: [String]?
    public var missing: MissingValuePolicy

    public init(delimiter: UInt8, target: String, features: [String]? = nil, missing: MissingValuePolicy = .error) {
        self.delimiter = delimiter
        self.target = target
        self.features = features
        self.missing = missing
    }
}

/// A CSV file's examples: the header, the feature values row-major as float32, and the targets.
public struct CSVTable: Sendable {
    /// A target column whose values are all whole numbers below 1000 is read as class labels: more classes than
    /// that is rather a regression target written in whole numbers (a price, a count). A text column may have at
    /// most this many distinct values.
    public static let maxClasses = 1000

    public var header: [String]
    /// The header indices of the features, in the order they become inputs.
    public var featureColumns: [Int]
    public var targetColumn: Int
    /// Rows kept (the header, blank lines and dropped rows not counted).
    public var rows: Int
    /// rows × featureColumns.count, row-major.
    public var features: [Float]
    public var targets: CSVTargets
    /// Rows left out by `missing: drop`.
    public var droppedRows: Int
    /// Values replaced by `missing: fill`.
    public var filledValues: Int
    /// The first target that is not a number, when the targets are class names: `(line, text)`.
    public var firstTextTarget: (line: Int, text: String)?

    public var featureCount: Int { featureColumns.count }
}

/// What a CSV file's target column holds.
public enum CSVTargets: Sendable, Equatable {
    /// Every target a whole number from 0 to 999: class labels, `count` = the largest + 1.
    case classes(labels: [Int32], count: Int)
    /// Some target is not a number: every distinct text (as written, quotes and surrounding blanks removed) is a
    /// class, numbered in the byte order of the texts' UTF-8 (`"10" < "9"`, `"Z" < "a"`); `names[i]` is class i.
    case names(labels: [Int32], names: [String])
    /// Numbers, not all whole 0 to 999: regression targets.
    case values([Float])

    /// The number of classes; `nil` for regression targets.
    public var classCount: Int? {
        switch self {
        case .classes(_, let count): return count
        case .names(_, let names): return names.count
        case .values: return nil
        }
    }
}

/// A file that cannot be read as the options ask, with what the message is about.
public struct CSVError: Error, Sendable, Equatable {
    public enum Subject: Sendable, Equatable {
        /// The file's contents (reported at the path).
        case file
        /// The target column's name.
        case target
        /// The feature named so in `features`.
        case feature(String)
        /// The missing-value policy (a target missing under `fill`).
        case missing
    }

    public var subject: Subject
    /// A whole sentence, starting with the file's name: "d.csv: line 4 has 2 fields, but the header has 3".
    public var message: String
    public var help: [String]
    /// The file's header when a column was not found, for a did-you-mean.
    public var header: [String] = []

    public init(_ subject: Subject, _ message: String, help: [String] = []) {
        self.subject = subject
        self.message = message
        self.help = help
    }
}
