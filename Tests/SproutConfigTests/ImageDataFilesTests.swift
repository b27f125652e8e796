import Foundation
import SproutConfig
import SproutShapes
import SproutTestSupport
import Testing

/// Images from files: an IDX source's images are [1, rows, columns], a held-out IDX pair must have the training
/// images' size, the resolved config writes an IDX source's shape, and a safetensors file's 4-D conv weight and a
/// flattened image's width are checked against the model. Every file is built here byte by byte.
@Suite struct ImageDataFilesTests {
    /// Writes `files` and the config as c.yaml into a new folder and loads it; the headlines without the path.
    static func load(_ input: MarkedText, files: [String: [UInt8]]) throws -> (result: ConfigLoader.Result, headlines: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        let path = folder.appendingPathComponent("c.yaml").path
        try input.text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = ConfigLoader.load(path: path)
        return (result, result.diagnostics.map { String($0.headline.dropFirst(path.count + 1)) })
    }

    /// Two images of `rows` x `columns` (pixel values 0, 1, ...) and the labels 0 and 1.
    static func pair(_ rows: UInt32, _ columns: UInt32) -> (images: [UInt8], labels: [UInt8]) {
        let pixels = (0..<(2 * Int(rows * columns))).map { UInt8($0 % 256) }
        return (DataFilesTests.idx([2, rows, columns], pixels), DataFilesTests.idx([2], [0, 1]))
    }

    /// The config's text, markers kept.
    static func text(_ data: String, _ layers: String) -> String {
        """
        data: \(data)
        model: {layers: [\(layers)]}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
        """
    }

    static func config(_ data: String, _ layers: String) -> MarkedText { MarkedText(text(data, layers)) }

    /// 2x3 images are [1, 2, 3]: a 2x2 convolution gives [2, 1, 2] (2 - 2 + 1 = 1, 3 - 2 + 1 = 2).
    @Test func idxImagesAreOneChannelImages() throws {
        let (images, labels) = Self.pair(2, 3)
        let input = Self.config("{source: idx, images: i.idx, labels: l.idx}",
                                "{name: c, type: conv2d, filters: 2, kernel_size: 2}, flatten, {type: dense, units: 2}")
        let loaded = try Self.load(input, files: ["i.idx": images, "l.idx": labels])
        #expect(loaded.headlines == [])
        let spec = try #require(loaded.result.spec)
        #expect(spec.data.shape == nil)
        #expect(spec.data.exampleShape == .image(channels: 1, height: 2, width: 3))
        #expect(spec.model.shapes()["c"] == .image(channels: 2, height: 1, width: 2))
    }

    /// A held-out pair of 3x2 images beside 2x3 training images: the same 6 values each, laid out otherwise, so
    /// the features agree and the images do not.
    @Test func heldOutImagesMustHaveTheTrainingSize() throws {
        let (images, labels) = Self.pair(2, 3)
        let (other, otherLabels) = Self.pair(3, 2)
        let files = ["i.idx": images, "l.idx": labels, "v.idx": other, "vl.idx": otherLabels]
        let layers = "flatten, {type: dense, units: 2}"
        let validation = Self.config("{source: idx, images: i.idx, labels: l.idx, validation: 1️⃣{source: idx, images: v.idx, labels: vl.idx}}", layers)
        let loaded = try Self.load(validation, files: files)
        #expect(loaded.headlines == [
            "\(validation.at(1)): error: the validation source's images are 3x2, but the training source's are 2x3 [validation-mismatch]",
        ])
        #expect(loaded.result.diagnostics.map(\.help) == [["validate on images of the training images' size"]])
        let test = Self.config("{source: idx, images: i.idx, labels: l.idx, test: 1️⃣{source: idx, images: v.idx, labels: vl.idx}}", layers)
        let tested = try Self.load(test, files: files)
        #expect(tested.headlines == [
            "\(test.at(1)): error: the test source's images are 3x2, but the training source's are 2x3 [test-mismatch]",
        ])
        #expect(tested.result.diagnostics.map(\.help) == [["test on images of the training images' size"]])
        // The same size passes.
        let same = try Self.load(Self.config("{source: idx, images: i.idx, labels: l.idx, validation: {source: idx, images: i.idx, labels: l.idx}}", layers),
                                 files: files)
        #expect(same.headlines == [])
    }

    /// With data.shape written the features' layout is the config's, not each file's: both files are read as
    /// that shape ([6] here, flat features for a dense layer), and a file of other rows and columns is accepted.
    @Test func aWrittenShapeReadsEveryFileAlike() throws {
        let (images, labels) = Self.pair(2, 3)
        let (other, otherLabels) = Self.pair(3, 2)
        let input = Self.config("{source: idx, images: i.idx, labels: l.idx, shape: [6], validation: {source: idx, images: v.idx, labels: vl.idx}}",
                                "{type: dense, units: 2}")
        let loaded = try Self.load(input, files: ["i.idx": images, "l.idx": labels, "v.idx": other, "vl.idx": otherLabels])
        #expect(loaded.headlines == [])
        #expect(loaded.result.spec?.data.exampleShape == .flat(6))
    }

    /// An idx source's resolved config writes its shape, the image's and a written flat one alike (its own is an
    /// image, so without the line the flat features would read back as [1, 2, 3]); read back, the same spec.
    @Test func resolvedConfigWritesAnIdxSourcesShape() throws {
        let (images, labels) = Self.pair(2, 3)
        let files = ["i.idx": images, "l.idx": labels]
        for (shape, layers, line) in [("", "flatten, {type: dense, units: 2}", "  shape: [1, 2, 3]\n"),
                                      (", shape: [6]", "{type: dense, units: 2}", "  shape: [6]\n"),
                                      (", shape: [2, 3, 1]", "flatten, {type: dense, units: 2}", "  shape: [2, 3, 1]\n")] {
            let loaded = try Self.load(Self.config("{source: idx, images: i.idx, labels: l.idx\(shape)}", layers), files: files)
            let spec = try #require(loaded.result.spec, "\(loaded.headlines)")
            let resolved = ResolvedConfig.yaml(spec)
            #expect(resolved.contains("  shuffle: true\n" + line), "\(resolved)")
            let again = try Self.load(MarkedText(resolved), files: [:])
            #expect(again.headlines == [])
            #expect(again.result.spec?.data == spec.data)
            #expect(again.result.spec.map(ResolvedConfig.yaml) == resolved)
        }
    }

    /// A conv2d weight from safetensors is [filters, channels / groups, kh, kw]: [2, 1, 3, 3] for 2 filters of
    /// 3x3 on one channel. The dense layer after `flat` reads 2 · 6 · 6 = 72 features (8 - 3 + 1 = 6); a weight
    /// saved for the padded network ([2, 8, 8]: 128 features) is refused with a note at the flatten.
    @Test func safetensorsConvWeightsAndFlattenedWidths() throws {
        let input = MarkedText(Self.text("{source: digits, shape: [1, 8, 8]}", """
            {name: c, type: conv2d, filters: 2, kernel_size: 3, weight_init: 1️⃣{type: safetensors, path: w.safetensors}},
                2️⃣{name: flat, type: flatten},
                {name: out, type: dense, units: 10, weight_init: 3️⃣{type: safetensors, path: w.safetensors}}
            """))
        let right = SafetensorsFile.bytes([("c.weight", "F32", [2, 1, 3, 3]), ("out.weight", "F32", [10, 72])])
        #expect(try Self.load(input, files: ["w.safetensors": right]).headlines == [])
        let wrong = SafetensorsFile.bytes([("c.weight", "F32", [2, 9]), ("out.weight", "F32", [10, 128])])
        let loaded = try Self.load(input, files: ["w.safetensors": wrong])
        #expect(loaded.headlines == [
            "\(input.at(1)): error: tensor 'c.weight' in w.safetensors has shape [2, 9], but c.weight is [2, 1, 3, 3] [tensor-shape-mismatch]",
            "\(input.at(3)): error: tensor 'out.weight' in w.safetensors has shape [10, 128], but out.weight is [10, 72] [tensor-shape-mismatch]",
        ])
        let notes = loaded.result.diagnostics.map { $0.notes.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? ""): \($0.message)" } }
        #expect(notes == [[], ["\(input.at(2)): 'flat' flattens [2, 6, 6] into 72 features"]])
        #expect(loaded.result.diagnostics.first?.help == [
            "a dense weight is [units, inputs], a conv2d weight [filters, channels/groups, kh, kw] and a bias [units or filters], as in PyTorch's state_dict",
        ])
    }
}
