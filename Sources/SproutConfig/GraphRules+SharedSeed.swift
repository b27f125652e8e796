import SproutDiagnostics

/// The reused-seed warning: an initializer written with its own `seed` draws from a stream keyed by that seed alone,
/// so every parameter of one shape that uses the same initializer and seed starts with the same values (Keras'
/// trap of passing one `RandomNormal(seed=1)` to two layers). Legal, and configs/symmetry/seed-reuse.yaml uses it
/// on purpose, but almost always a mistake: two layers that read the same input and are summed, or two copies of a
/// repeat block side by side, then compute the same thing forever.
extension GraphRules {
    static func warnAboutSharedSeeds(_ model: ModelSpec, _ reporter: GraphReporter) {
        let shapes = model.shapes()
        var first: [String: String] = [:]
        for node in model.nodes {
            guard let input = model.inputShape(of: node, shapes: shapes),
                  let weights = WeightShapes(node.kind, input: input) else { continue }
            var parameters = [("weight", model.weightInit(for: node), weights.weight)]
            if let bias = weights.bias { parameters.append(("bias", model.biasInit(for: node), bias)) }
            for (kind, spec, shape) in parameters {
                guard let seed = spec.seed else { continue }
                let key = "\(kind) \(shape) \(ResolvedConfig.initializer(spec))"
                guard let earlier = first[key] else {
                    first[key] = node.name
                    continue
                }
                reporter.report(.sharedSeed, node, detail: kind,
                                "\(WeightShapes.noun(node.kind)) '\(node.name)' starts with the same \(kind) values as '\(earlier)': both are \(shape) from \(spec.canonicalName) with seed \(seed)",
                                help: [
                                    "an initializer's seed keys its stream alone, so parameters of one shape sharing it draw the same numbers",
                                    "remove the seed to give every parameter its own stream, or give each layer its own seed",
                                 ])
            }
        }
    }
}
