import SproutConfig
import SproutNN

/// What `sprout show` prints as an initializer's distribution: the engine's own formulas
/// (`Initializer.distribution`), so the numbers shown are the ones training starts from. A safetensors tensor is
/// not read for a report.
extension ModelReport {
    static func describe(_ spec: InitializerSpec, fanIn: Int, fanOut: Int) -> String {
        if case .safetensors = spec { return "from file" }
        guard let engine = try? NetworkBuilder.initializer(spec) else { return "" }
        return describe(engine.distribution(fanIn: fanIn, fanOut: fanOut))
    }
}

/// A parameter count held in a Double, as digits (scientific past 10^15, where a conversion to Int could trap).
enum ResourceCount {
    static func text(_ value: Double) -> String { value < 1e15 ? String(Int(value)) : "\(value)" }
}
