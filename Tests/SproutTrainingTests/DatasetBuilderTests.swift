import Foundation
import Testing
import SproutConfig
import SproutData
@testable import SproutRuns
@testable import SproutTraining

/// The language's facts about each source (what the validator sizes the network by) agree with the data the engine
/// loads or generates.
@Suite struct DatasetBuilderTests {
    @Test(arguments: BundledData.allCases)
    func bundledShapesAgree(dataset: BundledData) throws {
        let data = try DatasetBuilder.bundled(dataset)
        let source = DataSourceSpec.bundled(dataset)
        #expect(data.count == source.exampleCount)
        #expect(data.featureCount == source.featureCount)
        #expect(data.classCount == source.targetClasses)
        #expect(Set(data.labels).count == dataset.classCount)  // every class occurs
    }

    /// Every generator's data has the examples, features and targets the validator sized the network by.
    @Test(arguments: [
        DataSourceSpec.xor(samples: 10, noise: 0.1), .spirals(samples: 11, turns: 1, noise: 0),
        .teacher(samples: 12, features: 3, classes: 4), .moons(samples: 13, noise: 0.1),
        .circles(samples: 14, factor: 0.5, noise: 0.1), .blobs(samples: 15, centers: 4, features: 3, std: 1),
        .parity(samples: 16, bits: 7), .teacherRegression(samples: 17, features: 3, hidden: 2, outputs: 4, noise: 0.1),
        .sine(samples: 18, low: 0, high: 1, noise: 0.1),
    ])
    func generatedShapesAgree(source: DataSourceSpec) throws {
        let data = try DatasetBuilder.dataset(for: source, seed: 1)
        // spirals keeps an even count (samples / 2 a spiral).
        #expect(data.count == (source.name == "spirals" ? 10 : source.exampleCount))
        #expect(data.featureCount == source.featureCount)
        #expect(data.features.count == data.count * data.featureCount)
        #expect((data.isRegression ? nil : data.classCount) == source.targetClasses)
        #expect((data.isRegression ? data.targetWidth : nil) == source.regressionOutputs)
    }

    /// Every word of the schema's bundled sources is a `BundledData` case, and every case is in the schema.
    @Test func schemaListsEveryBundledDataset() {
        let names = Set(ExperimentSchema.data.variants.map(\.name))
        for dataset in BundledData.allCases { #expect(names.contains(dataset.rawValue)) }
    }

    /// A teacher config through the loader and the builder: the split sizes and the widths the validator saw.
    @Test func teacherConfigBuildsItsData() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-teacher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("teacher.yaml").path
        try """
            data: {source: teacher, samples: 40, features: 3, classes: 5, validation: 0.25}
            model: {layers: [{type: dense, units: 5}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = ConfigLoader.load(path: path)
        let spec = try #require(loaded.spec, "\(loaded.diagnostics)")
        let (train, validation, _) = try DatasetBuilder.datasets(for: spec.data, seed: spec.seed)
        #expect(train.count == 30 && validation?.count == 10)
        #expect(train.featureCount == 3 && train.classCount == 5)
    }
}
