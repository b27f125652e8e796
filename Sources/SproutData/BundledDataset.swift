/// The datasets compiled into Sprout (`Bundled/`, written by tools/export_datasets.py from scikit-learn; origin,
/// license and citation in `Bundled/README.md`): features as float32, targets as class indices, examples in
/// scikit-learn's order.
///
/// Each dataset is parsed from its embedded CSV text on first use and kept (a `static let`, initialized once,
/// thread-safe), so a sweep over one dataset parses it once per process.
public enum BundledDataset: String, CaseIterable, Sendable {
    /// 1797 8×8 images, 64 pixels each; scikit-learn's pixels are whole numbers 0..16, divided by 16 here so that
    /// every feature is in [0, 1] (the benchmark's W2 data: `load_digits().data / 16.0`); 10 classes, the digit.
    case digits
    /// 150 flowers, 4 measurements in cm; 3 classes (setosa, versicolor, virginica).
    case iris
    /// 178 wines, 13 chemical measurements on very different scales; 3 classes (the cultivar).
    case wine
    /// 569 tumours, 30 features of the cell nuclei; 2 classes: 0 malignant, 1 benign (scikit-learn's coding).
    case breastCancer = "breast_cancer"

    /// The number of classes; every target of the text must be below it.
    public var classCount: Int {
        switch self {
        case .digits: return 10
        case .iris, .wine: return 3
        case .breastCancer: return 2
        }
    }

    /// Each feature is divided by this: digits' pixels count the set pixels of a 4×4 block, 0 to 16.
    var divisor: Float { self == .digits ? 16 : 1 }

    var csv: String {
        switch self {
        case .digits: return BundledCSV.digits
        case .iris: return BundledCSV.iris
        case .wine: return BundledCSV.wine
        case .breastCancer: return BundledCSV.breastCancer
        }
    }

    /// The embedded CSV's header: the features' names in order, then the target's ("target").
    public var columnNames: [String] {
        String(csv.utf8.prefix { $0 != UInt8(ascii: "\n") }).map { $0.split(separator: ",").map(String.init) } ?? []
    }

    /// The examples, parsed once. Throws only if the embedded text were malformed (a test parses all four).
    public func load() throws(BundledDatasetError) -> Dataset {
        let parsed: Result<Dataset, BundledDatasetError>
        switch self {
        case .digits: parsed = Parsed.digits
        case .iris: parsed = Parsed.iris
        case .wine: parsed = Parsed.wine
        case .breastCancer: parsed = Parsed.breastCancer
        }
        return try parsed.get()
    }
}

/// The embedded CSV texts, one `static let` per file of `Bundled/`.
enum BundledCSV {}

/// Each dataset parsed on first use, once.
private enum Parsed {
    static let digits = BundledDatasetParser.parse(.digits)
    static let iris = BundledDatasetParser.parse(.iris)
    static let wine = BundledDatasetParser.parse(.wine)
    static let breastCancer = BundledDatasetParser.parse(.breastCancer)
}

/// A bundled text that does not parse: a defect of the build, reported instead of crashing.
public struct BundledDatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    public var dataset: String
    /// 1-based line of the embedded CSV text.
    public var line: Int
    public var problem: String

    public var description: String { "bundled dataset '\(dataset)', line \(line): \(problem)" }
}
