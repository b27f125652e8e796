import Foundation

/// The one-cell name of an initializer (`sprout summarize`'s weight_init column): the canonical name with every
/// parameter's value in the order of docs/config.md's initializer table, `kaiming_normal(fan_in, relu)`,
/// `constant(0.5)`, `normal(0, 0.01)`, `xavier_uniform(1)`; schemes without parameters bare (`zeros`). Every
/// parameter is written, defaults included, so that two cells are equal exactly when the initializers are. Numbers
/// keep 4 significant digits (`%.4g`); a safetensors initializer shows its file's name (and tensor, when named);
/// a seeded one its seed after it (`normal(0, 0.1) seed 1`).
extension InitializerSpec {
    public var label: String {
        let spec = self
        func call(_ arguments: String...) -> String { "\(spec.canonicalName)(\(arguments.joined(separator: ", ")))" }
        func n(_ value: Double) -> String { String(format: "%.4g", value) }
        switch spec {
        case .zeros, .ones, .lecunUniform, .lecunNormal, .dirac: return spec.canonicalName
        case .constant(let value): return call(n(value))
        case .uniform(let low, let high): return call(n(low), n(high))
        case .normal(let mean, let std): return call(n(mean), n(std))
        case .truncatedNormal(let mean, let std, let a, let b): return call(n(mean), n(std), n(a), n(b))
        case .xavierUniform(let gain), .xavierNormal(let gain), .orthogonal(let gain), .identity(let gain):
            return call(n(gain))
        case .kaimingUniform(let mode, let nonlinearity, let slope), .kaimingNormal(let mode, let nonlinearity, let slope):
            // negative_slope belongs to leaky_relu only (the language refuses it elsewhere).
            return nonlinearity == .leakyRelu ? call(mode.rawValue, nonlinearity.rawValue, n(slope))
                                              : call(mode.rawValue, nonlinearity.rawValue)
        case .sparse(let sparsity, let std): return call(n(sparsity), n(std))
        case .varianceScaling(let scale, let mode, let distribution):
            return call(n(scale), mode.rawValue, distribution.rawValue)
        case .safetensors(let source):
            let file = source.path.split(separator: "/").last.map(String.init) ?? source.path
            return source.tensor.map { call(file, $0) } ?? call(file)
        case .seeded(let inner, let seed):
            // The seed is part of the initializer: two layers with one seed start alike, with two seeds apart.
            return "\(inner.label) seed \(seed)"
        }
    }
}
