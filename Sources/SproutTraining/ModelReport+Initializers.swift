import SproutConfig
import SproutRuns
import SproutNN

/// What `sprout show` prints as an initializer's distribution: the engine's own formulas
/// (`Initializer.distribution`), so the numbers shown are the ones training starts from. A safetensors tensor is
/// not read for a report.
extension ModelReport {
    static func describe(_ spec: InitializerSpec, target: InitializerTarget) -> String {
        if case .safetensors = spec { return "from file" }
        guard let engine = try? NetworkBuilder.initializer(spec) else { return "" }
        let text = describe(engine.distribution(for: target))
        // A seeded draw is shared by every parameter of the shape with the same initializer and seed: say so.
        return spec.seed.map { text + ", seed \($0) (shared stream)" } ?? text
    }
}

/// A parameter count held in a Double, as digits (scientific past 10^15, where a conversion to Int could trap).
enum ResourceCount {
    static func text(_ value: Double) -> String { value < 1e15 ? String(Int(value)) : "\(value)" }
}
