import SproutConfig
import SproutNN

/// What `sprout show` prints as an initializer's distribution. The engine's schemes come from the engine's own
/// formulas (`Initializer.distribution`); the schemes it does not run yet are described here from their
/// references, until the engine gains them (then their formulas move to `Initializer`, the one place for them).
extension ModelReport {
    static func describe(_ spec: InitializerSpec, fanIn: Int, fanOut: Int) -> String {
        if let engine = try? NetworkBuilder.initializer(spec) {
            return describe(engine.distribution(fanIn: fanIn, fanOut: fanOut))
        }
        let fanInValue = Double(max(fanIn, 1)), fanOutValue = Double(max(fanOut, 1))
        switch spec {
        case .varianceScaling(let scale, let mode, let distribution):
            // Keras: n = fan_in, fan_out or their mean; the truncated normal (at ±2 std) is widened by
            // 1/0.87962566103423978, the std of a unit normal truncated at ±2, so its variance is scale / n.
            let n: Double
            switch mode {
            case .fanIn: n = fanInValue
            case .fanOut: n = fanOutValue
            case .fanAvg: n = (fanInValue + fanOutValue) / 2
            }
            let std = (scale / n).squareRoot()
            switch distribution {
            case .truncatedNormal:
                let wide = std / 0.87962566103423978
                return "N(0, std \(short(wide))) in [\(short(-2 * wide)), \(short(2 * wide))]"
            case .untruncatedNormal: return describe(.normal(mean: 0, std: std))
            case .uniform:
                let bound = (3 * scale / n).squareRoot()
                return describe(.uniform(low: -bound, high: bound))
            }
        case .safetensors: return "from file"
        default: return ""
        }
    }
}

/// A parameter count held in a Double, as digits (scientific past 10^15, where a conversion to Int could trap).
enum ResourceCount {
    static func text(_ value: Double) -> String { value < 1e15 ? String(Int(value)) : "\(value)" }
}
