import SproutDiagnostics
import SproutYAML

/// Turns a parsed YAML document into an `ExperimentSpec`, collecting every problem on the way.
public enum ExperimentDecoder {
    static let topKeys = ["name", "description", "seed", "data", "model", "train", "log"]
    static let logKeys = ["every"]

    /// The spec when the document has no errors (warnings may be present), and every diagnostic found.
    /// `defaultName` is used when the config has no `name` (the file's stem).
    public static func decode(_ root: Node, defaultName: String) -> (spec: ExperimentSpec?, diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        let spec = decode(root, defaultName: defaultName, into: diagnostics)
        return (diagnostics.hasErrors ? nil : spec, diagnostics.sorted)
    }

    static func decode(_ root: Node, defaultName: String, into diagnostics: DiagnosticCollector) -> ExperimentSpec? {
        guard let top = Fields(root, section: "the config", allowed: topKeys, into: diagnostics) else { return nil }
        let name = top["name"].map { NameRules.runName($0, into: diagnostics) }
            ?? NameRules.runName(fromStem: defaultName, file: root.location.file, into: diagnostics)
        let description = top["description"].map { diagnostics.string($0, "description") } ?? ""
        let seed = top["seed"].map { diagnostics.unsigned($0, "seed") } ?? ExperimentSpec.defaultSeed
        let data = top.required("data", section: "the config", into: diagnostics)
            .flatMap { DataDecoder.decode($0, into: diagnostics) }
        // The model's input width comes from the data; without valid data, check the model against width 1 so
        // its own mistakes are still reported.
        let model = top.required("model", section: "the config", into: diagnostics)
            .flatMap { ModelDecoder.decode($0, inputWidth: data?.source.featureCount ?? 1, into: diagnostics) }
        let train = top.required("train", section: "the config", into: diagnostics)
            .flatMap { TrainDecoder.decode($0, into: diagnostics) }
        var log = LogSpec(every: LogSpec.defaultEvery)
        if let logNode = top["log"], let fields = Fields(logNode, section: "log", allowed: logKeys, into: diagnostics),
           let every = fields["every"] {
            log.every = diagnostics.integer(every, "every", in: 1...Int.max) ?? log.every
        }
        guard let name, let description, let seed, let data, let model, let train else { return nil }
        if let modelNode = top["model"] {
            LossRules.check(train: train, model: model, data: data, at: modelNode, trainNode: top["train"],
                            into: diagnostics)
            ResourceRules.check(model: model, train: train, data: data, at: modelNode, into: diagnostics)
        }
        return ExperimentSpec(name: name, description: description, seed: seed, data: data, model: model,
                              train: train, log: log)
    }
}

/// Reads `data:`.
enum DataDecoder {
    static let sources = ["xor"]
    static let xorKeys = ["source", "samples", "noise"]
    /// 200 points: 50 a corner, enough for a smooth decision boundary, trained in well under a second.
    static let defaultXORSamples = 200
    /// 0.1: the clusters stay well apart (the corners are 2 apart), so a good network reaches 100%.
    static let defaultXORNoise = 0.1

    static func decode(_ node: Node, into diagnostics: DiagnosticCollector) -> DataSpec? {
        guard node.mappingEntries != nil else {
            diagnostics.error("data must be a mapping, found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard let sourceNode = node["source"] else {
            _ = Fields(node, section: "data", allowed: xorKeys, into: diagnostics)
            diagnostics.error("data is missing the required key 'source'", at: node.location,
                              help: ["valid sources: " + sources.joined(separator: ", ")])
            return nil
        }
        guard let source = diagnostics.string(sourceNode, "source") else { return nil }
        switch source {
        case "xor":
            guard let fields = Fields(node, section: "data (xor)", allowed: xorKeys, into: diagnostics) else { return nil }
            let samples = fields["samples"].map { diagnostics.integer($0, "samples", in: 4...10_000_000) }
                ?? defaultXORSamples
            let noise = fields["noise"].map { diagnostics.number($0, "noise", .nonNegative) } ?? defaultXORNoise
            guard let samples, let noise else { return nil }
            return DataSpec(source: .xor(samples: samples, noise: noise))
        default:
            diagnostics.error("unknown data source '\(Suggestions.display(source))'", at: sourceNode.location,
                              help: [Suggestions.help(for: source, among: sources, kind: "sources")])
            return nil
        }
    }
}
