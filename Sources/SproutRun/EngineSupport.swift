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
    /// Today the engine runs every node type and initializer of the model language.
    static func modelProblems(_ model: ModelSpec) -> [String] { [] }
}

extension EngineSupport {
    /// Today the engine runs every data source of the language.
    static func dataProblems(_ data: DataSpec) -> [String] { [] }
}
