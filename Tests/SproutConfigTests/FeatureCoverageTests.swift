import Foundation
@testable import SproutConfig
import SproutYAML
import Testing

/// Every feature of the language runs in some shipped config: the catalogue comes from `ExperimentSchema` (every
/// variant of every union, every word of a word setting, both values of a boolean, every named definition, every
/// optional setting), the usage from every config under configs/, recursively, each sweep expanded into its runs.
/// Each run is read twice: as written (with the sweep's values in place: a shorthand such as `he_normal` or an
/// alias counts as written) and resolved, every default written out (a default counts as used: it is what the run
/// does). Adding a feature to the language without an example in configs/ fails `everyFeatureRunsInAShippedConfig`.
@Suite struct FeatureCoverageTests {
    static let configs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("configs")

    /// Features no config can use, each with the reason; `exceptionsStillHold` fails once a reason goes away.
    static let exceptions: Set<LanguageFeature> = [
        // A csv file without a header line is refused until the language can name the target column by index.
        LanguageFeature(kind: .boolean, place: "data source.header", value: "false"),
    ]

    /// Every *.yaml / *.yml file under configs/, hidden files and folders skipped, in path order.
    static func configFiles() -> [String] {
        guard let walk = FileManager.default.enumerator(at: configs, includingPropertiesForKeys: nil,
                                                        options: [.skipsHiddenFiles]) else { return [] }
        return walk.compactMap { $0 as? URL }.filter { ["yaml", "yml"].contains($0.pathExtension) }.map(\.path).sorted()
    }

    /// The features every run of every shipped config uses, and how many runs there are.
    static func usage() throws -> (features: Set<LanguageFeature>, runs: Int) {
        var features: Set<LanguageFeature> = [], runs = 0
        for path in configFiles() {
            let loaded = ConfigLoader.load(path: path)
            #expect(!loaded.hasErrors && !loaded.runs.isEmpty, "\(path): \(loaded.diagnostics.map(\.headline))")
            for run in loaded.runs {
                let resolved = try YAMLDocument.parse(ResolvedConfig.yaml(run), file: "\(path) (\(run.runPath))")
                features.formUnion(LanguageCatalogue.used(by: resolved))
            }
            for written in try writtenRuns(path) { features.formUnion(LanguageCatalogue.used(by: written)) }
            runs += loaded.runs.count
        }
        return (features, runs)
    }

    /// The file as written (its `sweep:` included), and each of its sweep's combinations written into it.
    static func writtenRuns(_ path: String) throws -> [Node] {
        let root = try YAMLDocument.load(path: path).root
        guard let sweep = root["sweep"] else { return [root] }
        let entries = try #require(Sweep.entries(of: sweep, root: root, into: DiagnosticCollector()))
        return try [root] + Sweep.combinations(entries).map { try #require(Sweep.apply(entries, $0, to: root)) }
    }

    @Test func everyFeatureRunsInAShippedConfig() throws {
        let files = Self.configFiles()
        #expect(files.contains { $0.hasSuffix("/configs/features/graph.yaml") }, "configs/ is read recursively")
        let (used, runs) = try Self.usage()
        #expect(runs > files.count, "the sweeps are expanded")
        let missing = LanguageCatalogue.all.subtracting(used).subtracting(Self.exceptions).sorted()
        #expect(missing.isEmpty, """
            no config under configs/ runs these features of the language; add an example (configs/features/):
            \(missing.map { "  \($0)" }.joined(separator: "\n"))
            """)
    }

    /// The catalogue holds what the reference (docs/config.md) lists, read from the schema: spot checks of each
    /// kind, and canonical names only (an alias is the same feature).
    @Test func theCatalogueIsTheSchemasLanguage() {
        let all = LanguageCatalogue.all
        let expected: [LanguageFeature] = [
            .init(kind: .variant, place: "layer type", value: "batch_norm"),
            .init(kind: .variant, place: "layer type", value: "softsign"),
            .init(kind: .variant, place: "initializer", value: "variance_scaling"),
            .init(kind: .variant, place: "data source", value: "idx"),
            .init(kind: .variant, place: "loss", value: "huber"),
            .init(kind: .variant, place: "optimizer", value: "rmsprop"),
            .init(kind: .variant, place: "schedule", value: "exponential"),
            .init(kind: .word, place: "initializer.mode", value: "fan_avg"),
            .init(kind: .word, place: "initializer.nonlinearity", value: "selu"),
            .init(kind: .word, place: "data source.missing", value: "fill"),
            .init(kind: .word, place: "train.early_stopping.metric", value: "val_accuracy"),
            .init(kind: .boolean, place: "layer type.bias", value: "false"),
            .init(kind: .boolean, place: "log.checkpoints.final", value: "false"),
            .init(kind: .definition, place: "definitions", value: "repeat"),
            .init(kind: .definition, place: "definitions", value: "validation_source"),
            .init(kind: .setting, place: "train", value: "clip_grad_norm"),
            .init(kind: .setting, place: "model.init", value: "rules"),
            .init(kind: .variant, place: "layer type", value: "conv2d"),
            .init(kind: .variant, place: "layer type", value: "global_avg_pool"),
            .init(kind: .variant, place: "initializer", value: "dirac"),
            .init(kind: .word, place: "layer type.padding", value: "valid"),
            .init(kind: .boolean, place: "layer type.count_include_pad", value: "true"),
            .init(kind: .setting, place: "data source", value: "shape"),
            .init(kind: .setting, place: "layer type", value: "stride"),
        ]
        for feature in expected { #expect(all.contains(feature), "\(feature)") }
        #expect(!all.contains(.init(kind: .variant, place: "initializer", value: "glorot_uniform")))
        #expect(!all.contains(.init(kind: .variant, place: "validation source", value: "csv")),
                "validation sources are the data sources")
    }

    /// The usage walker on a config written here: the features read by hand from the text.
    @Test func usageIsReadFromTheTree() throws {
        let root = try YAMLDocument.parse("""
            data: {source: xor}
            model:
              layers:
                - {type: dense, units: 2, bias: false, weight_init: glorot_normal}
                - {repeat: 2, name: b, layers: [relu]}
            train: {loss: mae, optimizer: adam, epochs: 1}
            """, file: "t.yaml")
        let expected: Set<LanguageFeature> = [
            .init(kind: .variant, place: "data source", value: "xor"),
            .init(kind: .definition, place: "definitions", value: "layer"),
            .init(kind: .definition, place: "definitions", value: "repeat"),
            .init(kind: .definition, place: "definitions", value: "initializer"),
            .init(kind: .definition, place: "definitions", value: "optimizer"),
            .init(kind: .variant, place: "layer type", value: "dense"),
            .init(kind: .variant, place: "layer type", value: "relu"),
            .init(kind: .boolean, place: "layer type.bias", value: "false"),
            .init(kind: .setting, place: "layer type", value: "weight_init"),
            .init(kind: .variant, place: "initializer", value: "xavier_normal"),
            .init(kind: .variant, place: "loss", value: "mae"),
            .init(kind: .variant, place: "optimizer", value: "adam"),
        ]
        #expect(LanguageCatalogue.used(by: root) == expected)
    }

    /// Image settings: `padding: same` is the word (padding's other form, a pair, is a number: `padding: 1` uses no
    /// word); a pool's stride is optional (it defaults to the kernel), a conv2d's has a default; count_include_pad's
    /// value; data.shape is optional.
    @Test func imageUsageIsReadFromTheTree() throws {
        let root = try YAMLDocument.parse("""
            data: {source: digits, shape: [1, 8, 8]}
            model:
              layers:
                - {type: conv2d, filters: 2, kernel_size: 3, padding: same, stride: 1}
                - {type: conv2d, filters: 2, kernel_size: 3, padding: 1}
                - {type: avg_pool2d, kernel_size: 2, count_include_pad: false}
                - {type: max_pool2d, kernel_size: [2, 2], stride: 1}
                - flatten
                - {type: dense, units: 10, weight_init: dirac}
            train: {loss: mae, optimizer: adam, epochs: 1}
            """, file: "t.yaml")
        let expected: Set<LanguageFeature> = [
            .init(kind: .variant, place: "data source", value: "digits"),
            .init(kind: .setting, place: "data source", value: "shape"),
            .init(kind: .definition, place: "definitions", value: "layer"),
            .init(kind: .variant, place: "layer type", value: "conv2d"),
            .init(kind: .word, place: "layer type.padding", value: "same"),
            .init(kind: .variant, place: "layer type", value: "avg_pool2d"),
            .init(kind: .boolean, place: "layer type.count_include_pad", value: "false"),
            .init(kind: .variant, place: "layer type", value: "max_pool2d"),
            .init(kind: .setting, place: "layer type", value: "stride"),
            .init(kind: .variant, place: "layer type", value: "flatten"),
            .init(kind: .variant, place: "layer type", value: "dense"),
            .init(kind: .setting, place: "layer type", value: "weight_init"),
            .init(kind: .definition, place: "definitions", value: "initializer"),
            .init(kind: .variant, place: "initializer", value: "dirac"),
            .init(kind: .variant, place: "loss", value: "mae"),
            .init(kind: .definition, place: "definitions", value: "optimizer"),
            .init(kind: .variant, place: "optimizer", value: "adam"),
        ]
        #expect(LanguageCatalogue.used(by: root) == expected)
    }

    /// Each exception is still refused by the language (else it needs an example, not an exception).
    @Test func exceptionsStillHold() throws {
        let root = try YAMLDocument.parse(validXOR.replacingOccurrences(
            of: "data: {source: xor, samples: 8}", with: "data: {source: csv, path: d.csv, target: y, header: false}"),
            file: "t.yaml")
        let messages = ExperimentDecoder.decode(root, defaultName: "t").diagnostics.map(\.message)
        #expect(messages.contains("csv files without a header line are not supported yet"), "\(messages)")
        #expect(Self.exceptions.count == 1, "each exception needs its check here")
    }
}
