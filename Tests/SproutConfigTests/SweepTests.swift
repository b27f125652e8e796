import Foundation
@testable import SproutConfig
import SproutDiagnostics
import SproutYAML
import SproutTestSupport
import Testing

@Suite struct SweepTests {
    /// Writes the text to a temporary file and loads it like `sprout validate` does.
    func load(_ input: MarkedText) throws -> ConfigLoader.Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("s.yaml").path
        try input.text.write(toFile: path, atomically: true, encoding: .utf8)
        return ConfigLoader.load(path: path)
    }

    func headlines(_ result: ConfigLoader.Result) -> [String] {
        result.diagnostics.map { $0.headline.replacingOccurrences(of: result.path + ":", with: "") }
    }

    static let base = """
        data: {source: xor, samples: 8}
        model:
          layers:
            - {name: hidden, type: dense, units: 4}
            - tanh
            - {type: dense, units: 2}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

        """

    /// 2 × 3 combinations, the first key varying slowest; each value written where its path says.
    @Test func cartesianProductInOrder() throws {
        let result = try load(MarkedText(Self.base + "sweep: {train.optimizer.lr: [0.5, 0.25], model.layers.hidden.units: [2, 3, 5]}\n"))
        #expect(result.diagnostics == [])
        #expect(result.runs.map(\.runPath) == ["s/lr=0.5,units=2", "s/lr=0.5,units=3", "s/lr=0.5,units=5",
                                              "s/lr=0.25,units=2", "s/lr=0.25,units=3", "s/lr=0.25,units=5"])
        #expect(result.runs.map(\.train.optimizer) == [0.5, 0.5, 0.5, 0.25, 0.25, 0.25].map {
            .sgd(lr: $0, momentum: 0, nesterov: false, weightDecay: 0)
        })
        #expect(result.runs.map { $0.model.nodes.first?.kind } == [2, 3, 5, 2, 3, 5].map { .dense(units: $0, bias: true) })
    }

    /// A mapping with a type is named by its type and plain entries; an absent section is created.
    @Test func mappingValuesAndAbsentSections() throws {
        let result = try load(MarkedText(Self.base + "sweep: {model.init.weight: [lecun_normal, {type: normal, std: 0.1}], log.every: [3]}\n"))
        #expect(result.diagnostics == [])
        #expect(result.runs.map(\.variant) == ["weight=lecun_normal,every=3", "weight=normal_std=0.1,every=3"])
        #expect(result.runs.last?.model.weightInit == .normal(mean: 0, std: 0.1))
        #expect(result.runs.allSatisfy { $0.log.every == 3 })
    }

    /// A run's directory depends on its values, not their positions: adding a value to a sweep leaves the
    /// directories (and so the finished results) of the other combinations where they were.
    @Test func variantNamesSurviveAddedValues() throws {
        let before = try load(MarkedText(Self.base + "sweep: {model.init.weight: [zeros, xavier_uniform], seed: [1, 2]}\n"))
        let after = try load(MarkedText(Self.base + "sweep: {model.init.weight: [zeros, he_normal, xavier_uniform], seed: [1, 2]}\n"))
        #expect(before.runs.map(\.variant) == ["weight=zeros,seed=1", "weight=zeros,seed=2",
                                               "weight=xavier_uniform,seed=1", "weight=xavier_uniform,seed=2"])
        let added = Set(after.runs.compactMap(\.variant)).subtracting(before.runs.compactMap(\.variant))
        #expect(added == ["weight=he_normal,seed=1", "weight=he_normal,seed=2"])
        #expect(after.runs.map(\.sweepSettings.first?.value) == ["zeros", "zeros", "he_normal", "he_normal",
                                                                 "xavier_uniform", "xavier_uniform"])
    }

    /// A file name has at most 255 bytes: a sweep whose names would pass 200 names its values by position, and
    /// one whose positional names would too names its combinations by number; every name unique either way.
    @Test func longVariantNamesFallBack() throws {
        // Four entries of 46-byte values: 22 bytes of keys, 4 of '=', 184 of values and 3 of ',' make 213.
        func two(_ a: String, _ b: String) -> String { "[\(a + String(repeating: "0", count: 46 - a.count)), \(b + String(repeating: "0", count: 46 - b.count))]" }
        let byPosition = try load(MarkedText(Self.base + "sweep: {description: \(two("a", "b")), name: \(two("n", "m")), "
                                             + "data.noise: \(two("0.1", "0.2")), train.optimizer.lr: \(two("0.5", "0.25"))}\n"))
        #expect(byPosition.diagnostics == [])
        let positions = (1...2).flatMap { a in (1...2).flatMap { b in (1...2).flatMap { c in (1...2).map { d in
            "description=v\(a),name=v\(b),noise=v\(c),lr=v\(d)" } } } }
        #expect(byPosition.runs.map(\.variant) == positions)
        let values = try #require(try YAMLDocument.parse("values: [1, 2]", file: "t.yaml")["values"])
        let key = String(repeating: "k", count: 30)
        let entry = SweepEntry(path: [key], pathText: key, keyLocation: values.location, values: values.sequenceItems ?? [])
        let numbered = Sweep.variantName(Array(repeating: entry, count: 8), [1, 0, 0, 0, 0, 0, 0, 1])
        // 8 entries of 30-byte keys: 8 × "k…k=v2" is 263 bytes; the combination is number 1·2^7 + 1 + 1 = 130.
        #expect(numbered == "combination-130")
    }

    /// Characters a file name or a shell word would trip on become `_`; a value with no such label (a list), and
    /// values whose labels would collide, are named by position, so two runs never share a directory.
    @Test func unsafeAndCollidingValuesAreNamedByPosition() throws {
        func labels(_ yaml: String) throws -> [String] {
            Sweep.valueLabels(try YAMLDocument.parse("values: " + yaml, file: "t.yaml")["values"]?.sequenceItems ?? [])
        }
        #expect(try labels("[a b, c/d, '..', x]") == ["a_b", "c_d", "..", "x"])
        #expect(try labels("[a b, a/b, c]") == ["v1", "v2", "c"])
        #expect(try labels("[[1, 2], 3]") == ["v1", "3"])
        // A written `v1` would meet the position name `v1` of the list: positions throughout.
        #expect(try labels("[[1, 2], v1]") == ["v1", "v2"])
        #expect(try labels("[{type: normal, std: 0.1, mean: -1}, {type: normal, std: {x: 1}}]")
                == ["normal_std=0.1_mean=-1", "v2"])
    }

    @Test func pathsAreChecked() throws {
        let input = MarkedText(Self.base + """
            sweep:
              1️⃣train.optimiser.lr: [1]
              2️⃣model.layers.hiden.units: [2]
              3️⃣seed.x: [1]
              4️⃣sweep.seed: [1]
              5️⃣train.optimizer.beta3: [0.9]

            """)
        let result = try load(input)
        #expect(result.runs.isEmpty)
        #expect(headlines(result) == [
            "\(input.lineColumn(1)): error: sweep path 'train.optimiser.lr': train has no setting 'optimiser' [invalid-sweep-path]",
            "\(input.lineColumn(2)): error: sweep path 'model.layers.hiden.units': model.layers has no setting 'hiden' [invalid-sweep-path]",
            "\(input.lineColumn(3)): error: sweep path 'seed.x': seed has no settings below it [invalid-sweep-path]",
            "\(input.lineColumn(4)): error: a sweep cannot sweep itself [invalid-sweep-path]",
            "\(input.lineColumn(5)): error: sweep path 'train.optimizer.beta3': train.optimizer has no setting 'beta3' [invalid-sweep-path]",
        ])
        #expect(result.diagnostics[0].help == ["did you mean 'optimizer'?"])
        #expect(result.diagnostics[1].help == ["did you mean 'hidden'?"])
    }

    /// A bad value is reported at the value inside the sweep, with the runs it spoils.
    @Test func valuesAreCheckedWhereTheyAreUsed() throws {
        let input = MarkedText(Self.base + "sweep: {seed: [1, 2], train.optimizer.lr: [0.1, 1️⃣-1]}\n")
        let result = try load(input)
        #expect(result.runs.isEmpty)
        #expect(headlines(result) == ["\(input.lineColumn(1)): error: 'lr' must be greater than 0, found -1 [out-of-range]"])
        #expect(result.diagnostics.first?.notes == [Diagnostic.Note("in the sweep's runs seed=1,lr=-1, seed=2,lr=-1")])
    }

    @Test func sizeAndShapeAreChecked() throws {
        let values = "[" + (1...11).map(String.init).joined(separator: ", ") + "]"
        let big = MarkedText(Self.base + "sweep: 1️⃣{seed: \(values), data.samples: \(values.replacingOccurrences(of: "1,", with: "12,")), log.every: \(values)}\n")
        let result = try load(big)
        #expect(headlines(result) == ["\(big.lineColumn(1)): error: sweep makes 1331 runs, more than 1000 [too-many-runs]"])
        let shape = MarkedText(Self.base + "sweep: {seed: 1️⃣3}\n")
        #expect(headlines(try load(shape)) == ["\(shape.lineColumn(1)): error: sweep 'seed' needs a non-empty list of values, found an integer [type-mismatch]"])
        // A setting written as a single word stands for its mapping ({type: xavier_uniform}): the path goes below it.
        let bare = MarkedText(Self.base.replacingOccurrences(of: "layers:", with: "init: {weight: xavier_uniform}\n  layers:")
                              + "sweep: {model.init.weight.gain: [1, 2]}\n")
        let expanded = try load(bare)
        #expect(expanded.diagnostics == [])
        #expect(expanded.runs.map(\.variant) == ["gain=1", "gain=2"])
        #expect(expanded.runs.map(\.model.weightInit) == [.xavierUniform(gain: 1), .xavierUniform(gain: 2)])
        // A path below a number cannot be written at all.
        let number = MarkedText(Self.base.replacingOccurrences(of: "epochs: 1", with: "epochs: 1, clip_grad_norm: 1")
                                + "sweep: 1️⃣{train.clip_grad_norm.x: [1]}\n")
        #expect(headlines(try load(number)).count == 1)
    }
}
