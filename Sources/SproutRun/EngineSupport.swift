import SproutConfig

/// What the engine can train today. The language runs ahead of the engine: a config may be valid (`sprout validate`
/// accepts it) yet use a node, initializer, loss or optimizer the engine does not implement yet. `sprout run`
/// checks this first, before any file is written, and refuses such a config with a clear message: never a
/// silent substitute. Each section's checks live in an extension file (EngineSupport+Model, +Train, +Data).
enum EngineSupport {
    /// Every feature of `spec` the engine cannot run, as sentences ("node 'g' (gelu) is not in the engine yet").
    static func unsupported(in spec: ExperimentSpec) -> [String] {
        modelProblems(spec.model) + trainProblems(spec.train) + dataProblems(spec.data)
    }

    static func check(_ spec: ExperimentSpec) throws {
        let problems = unsupported(in: spec)
        guard problems.isEmpty else { throw RunError.unsupported(problems) }
    }
}

extension EngineSupport {
    /// The engine runs every node of the model language (dense, the activations, dropout, layer_norm, batch_norm,
    /// add, concat) and every initializer of the language. (The check stays, one sentence a parameter in graph order,
    /// for the next initializer the language gains before the engine.)
    static func modelProblems(_ model: ModelSpec) -> [String] {
        var problems: [String] = []
        for node in model.nodes {
            guard case .dense(_, let bias) = node.kind else { continue }
            problems += initializerProblem(model.weightInit(for: node), parameter: "\(node.name).weight")
            if bias { problems += initializerProblem(model.biasInit(for: node), parameter: "\(node.name).bias") }
        }
        return problems
    }

    static func initializerProblem(_ spec: InitializerSpec, parameter: String) -> [String] {
        switch spec {
        case .zeros, .ones, .constant, .uniform, .normal, .xavierUniform, .xavierNormal, .kaimingUniform,
             .kaimingNormal, .lecunUniform, .lecunNormal, .truncatedNormal,
             .orthogonal, .identity, .sparse, .varianceScaling, .safetensors:
            return []
        case .seeded(let scheme, _): return initializerProblem(scheme, parameter: parameter)
        }
    }
}

extension EngineSupport {
    /// Every source of the language runs (generators, bundled datasets, csv and idx files), as do a validation
    /// split, a validation source, the scaling and the shuffling. (The check stays, for the next source the
    /// language gains before the engine.)
    static func dataProblems(_ data: DataSpec) -> [String] {
        var problems = sourceProblem(data.source).map { [$0] } ?? []
        if case .source(let other) = data.validation, let problem = sourceProblem(other) { problems.append(problem) }
        return problems
    }

    static func sourceProblem(_ source: DataSourceSpec) -> String? {
        switch source {
        case .xor, .spirals, .teacher, .moons, .circles, .blobs, .parity, .teacherRegression, .sine, .bundled, .csv, .idx:
            return nil
        }
    }
}
