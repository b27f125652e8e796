/// A dataset compiled into Sprout (`data.source: digits | iris | wine | breast_cancer`), with the facts the rules
/// need before anything is loaded. The counts are scikit-learn's documented ones (its DESCR texts); the engine's
/// loader (SproutData `BundledDataset`) reads the same datasets, and a test checks that both agree.
public enum BundledData: String, Sendable, Hashable, Codable, CaseIterable {
    /// The 8×8 handwritten digits: 1797 × 64 pixels scaled to [0, 1], 10 classes (178, 182, 177, 183, 181, 182,
    /// 181, 179, 174, 180).
    case digits
    /// Fisher's iris: 150 × 4 measurements in cm, 3 classes of 50.
    case iris
    /// Wine recognition: 178 × 13 chemical measurements, 3 classes (59, 71, 48).
    case wine
    /// Breast Cancer Wisconsin (Diagnostic): 569 × 30, 2 classes: 0 malignant (212), 1 benign (357).
    case breastCancer = "breast_cancer"

    public var featureCount: Int {
        switch self {
        case .digits: return 64
        case .iris: return 4
        case .wine: return 13
        case .breastCancer: return 30
        }
    }

    public var exampleCount: Int {
        switch self {
        case .digits: return 1797
        case .iris: return 150
        case .wine: return 178
        case .breastCancer: return 569
        }
    }

    public var classCount: Int {
        switch self {
        case .digits: return 10
        case .iris, .wine: return 3
        case .breastCancer: return 2
        }
    }
}
