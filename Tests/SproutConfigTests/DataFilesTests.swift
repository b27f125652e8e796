import Foundation
import SproutConfig
import SproutTestSupport
import Testing

/// The csv and idx sources against hand-built files in a temporary folder, loaded through `ConfigLoader` so that
/// paths resolve against the config file's folder. Every expected message was worked out from the files' bytes.
@Suite struct DataFilesTests {
    /// A config whose `data:` is `data`; 3 output units unless said otherwise. An idx source's images are
    /// flattened first (a dense layer reads flat features).
    static func config(_ data: String, units: Int = 3, loss: String = "cross_entropy") -> MarkedText {
        let flatten = data.contains("source: idx") ? "flatten, " : ""
        return MarkedText("""
            data: \(data)
            model: {layers: [\(flatten){type: dense, units: \(units)}]}
            train: {loss: \(loss), optimizer: {type: sgd, lr: 0.1}, epochs: 1}
            """)
    }

    struct Loaded {
        var result: ConfigLoader.Result
        var headlines: [String]
        var folder: URL
        var help: [String] { result.diagnostics.flatMap(\.help) }
    }

    /// Writes `files` and the config as c.yaml into a new folder, and loads it.
    func load(_ input: MarkedText, files: [String: [UInt8]]) throws -> Loaded {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        let path = folder.appendingPathComponent("c.yaml").path
        try input.text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = ConfigLoader.load(path: path)
        return Loaded(result: result, headlines: result.diagnostics.map { String($0.headline.dropFirst(path.count + 1)) },
                      folder: folder)
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// An IDX file of unsigned bytes: the magic 0x0000080<dims>, each dimension big-endian, then `body`.
    static func idx(_ dimensions: [UInt32], _ body: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions { bytes += [UInt8(d >> 24), UInt8((d >> 16) & 0xFF), UInt8((d >> 8) & 0xFF), UInt8(d & 0xFF)] }
        return bytes + body
    }

    @Test func missingFileNamesTheResolvedPath() throws {
        let input = Self.config("{source: csv, path: 1️⃣sub/../none.csv, target: y}")
        let loaded = try load(input, files: [:])
        let resolved = loaded.folder.appendingPathComponent("none.csv").standardizedFileURL.path
        #expect(loaded.headlines == ["\(input.at(1)): error: csv file '\(resolved)' does not exist [file-not-found]"])
        #expect(loaded.help == ["a relative path is read from the config file's folder"])
    }

    @Test func missingTargetGetsADidYouMean() throws {
        let input = Self.config("{source: csv, path: d.csv, target: 1️⃣lable}")
        let loaded = try load(input, files: ["d.csv": Self.text("x1,x2,label\n1,2,0\n")])
        #expect(loaded.headlines == ["\(input.at(1)): error: d.csv has no column 'lable' [invalid-csv]"])
        #expect(loaded.help == ["did you mean 'label'?"])
    }

    /// Line 3 is blank (skipped), so the short row is line 4.
    @Test func raggedRowIsReportedByItsLine() throws {
        let input = Self.config("{source: csv, path: 1️⃣d.csv, target: label}")
        let loaded = try load(input, files: ["d.csv": Self.text("x1,x2,label\n1,2,0\n\n3,4\n")])
        #expect(loaded.headlines == ["\(input.at(1)): error: d.csv: line 4 has 2 fields, but the header has 3 [invalid-csv]"])
    }

    /// A quoted header name with a comma and a doubled quote; a quoted field spanning two lines moves the next row
    /// to line 4; `0x1F` is not a decimal number.
    @Test func nonNumberNamesRowAndColumn() throws {
        let input = Self.config("{source: csv, path: 1️⃣d.csv, target: label}")
        let csv = "\"x,1\",\"x\"\"2\",label\n\"1\n\",2,0\n1,0x1F,1\n"
        let loaded = try load(input, files: ["d.csv": Self.text(csv)])
        #expect(loaded.headlines == [
            "\(input.at(1)): error: d.csv: line 2, column 'x,1': '1\n' is not a number [invalid-csv]",
        ])
        let fixed = csv.replacingOccurrences(of: "\"1\n\"", with: "\" 1 \"").replacingOccurrences(of: "\n1,0x1F", with: "\n\n1,0x1F")
        let second = try load(input, files: ["d.csv": Self.text(fixed)])
        #expect(second.headlines == ["\(input.at(1)): error: d.csv: line 2, column 'x,1': ' 1 ' is not a number [invalid-csv]"])
        let third = try load(input, files: ["d.csv": Self.text("\"x,1\",\"x\"\"2\",label\n\"1\"\n,2,0\n1,0x1F,1\n")])
        #expect(third.headlines == ["\(input.at(1)): error: d.csv: line 2 has 1 field, but the header has 3 [invalid-csv]"])
        let fourth = try load(input, files: ["d.csv": Self.text("\"x,1\",\"x\"\"2\",label\n1,2,0\n\n1,0x1F,1\n")])
        #expect(fourth.headlines == ["\(input.at(1)): error: d.csv: line 4, column 'x\"2': '0x1F' is not a number [invalid-csv]"])
    }

    @Test(arguments: ["inf", "1e", ".", "+", "1,5", "1e39", "0x10", "1_000"])
    func strictNumbers(value: String) throws {
        let input = Self.config("{source: csv, path: 1️⃣d.csv, target: y, delimiter: ';'}")
        let loaded = try load(input, files: ["d.csv": Self.text("x;y\n\(value);0\n")])
        #expect(loaded.headlines == ["\(input.at(1)): error: d.csv: line 2, column 'x': '\(value)' is not a number [invalid-csv]"])
    }

    /// Whole targets 0 to 999 are classes (max + 1; `2.0` is whole); a fraction or 1000 makes regression targets.
    @Test func classificationOrRegression() throws {
        let classes = try load(Self.config("{source: csv, path: d.csv, target: y}"),
                               files: ["d.csv": Self.text("a,y,b\r\n1, 0 ,-2.5e1\r\n3,2.0,4\r\n5,1,+.5\r\n")])
        let source = try #require(classes.result.spec?.data.source)
        guard case .csv(let file) = source else { Issue.record("not csv: \(source)"); return }
        #expect(file.rows == 3 && file.featureCount == 2 && file.classes == 3)
        #expect(source.targetClasses == 3 && source.featureCount == 2 && source.exampleCount == 3)
        for targets in ["0 1.5", "0 1000"] {
            let rows = targets.split(separator: " ").map { "1,\($0)\n" }.joined()
            let input = Self.config("{source: csv, path: d.csv, target: y}", loss: "1️⃣cross_entropy")
            let regression = try load(input, files: ["d.csv": Self.text("x,y\n" + rows)])
            #expect(regression.headlines == [
                "\(input.at(1)): error: loss 'cross_entropy' needs at least 2 classes, but data source 'csv' gives regression targets [loss-data-mismatch]",
            ])
            let mse = try load(Self.config("{source: csv, path: d.csv, target: y}", units: 1, loss: "mse"),
                               files: ["d.csv": Self.text("x,y\n" + rows)])
            #expect(mse.headlines == [])
            #expect(mse.result.spec?.data.source.targetClasses == nil)
        }
    }

    /// 2 images of 2×2 need 16 + 8 bytes; 5 pixel bytes make 21.
    @Test func idxSizeMustMatchItsHeader() throws {
        let input = Self.config("{source: idx, images: 1️⃣i.idx, labels: l.idx}")
        let loaded = try load(input, files: ["i.idx": Self.idx([2, 2, 2], [1, 2, 3, 4, 5]),
                                             "l.idx": Self.idx([2], [0, 1])])
        #expect(loaded.headlines == ["\(input.at(1)): error: i.idx is 21 bytes, but its header (2 images of 2×2) needs 24 [invalid-idx]"])
        let swapped = Self.config("{source: idx, images: 1️⃣l.idx, labels: 2️⃣i.idx}")
        let wrong = try load(swapped, files: ["i.idx": Self.idx([2, 2, 2], Array(repeating: 0, count: 8)),
                                              "l.idx": Self.idx([2], [0, 1])])
        #expect(wrong.headlines == [
            "\(swapped.at(1)): error: l.idx is not an IDX images file: magic 0x00000801, expected 0x00000803 (unsigned bytes, 3 dimensions) [invalid-idx]",
        ])
    }

    @Test func idxLabelCountMustMatch() throws {
        let input = Self.config("{source: idx, images: i.idx, labels: 1️⃣l.idx}", units: 5)
        let images = Self.idx([2, 2, 3], Array(repeating: 255, count: 12))
        let loaded = try load(input, files: ["i.idx": images, "l.idx": Self.idx([3], [0, 4, 1])])
        #expect(loaded.headlines == ["\(input.at(1)): error: l.idx holds 3 labels, but i.idx holds 2 images [invalid-idx]"])
        // With two labels, the largest 4: 5 classes, 2·3 = 6 features, the default scale 255.
        let good = try load(input, files: ["i.idx": images, "l.idx": Self.idx([2], [0, 4])])
        #expect(good.headlines == [])
        let source = try #require(good.result.spec?.data.source)
        #expect(source.featureCount == 6 && source.targetClasses == 5 && source.exampleCount == 2)
        guard case .idx(let file) = source else { Issue.record("not idx"); return }
        #expect(file.scale == 255)
    }

    @Test func validationSourceMustHaveTheSameFeatures() throws {
        let input = Self.config("{source: csv, path: d.csv, target: y, validation: 1️⃣{source: csv, path: v.csv, target: y}}")
        let loaded = try load(input, files: ["d.csv": Self.text("a,b,y\n1,2,0\n3,4,2\n"),
                                             "v.csv": Self.text("a,b,c,y\n1,2,3,1\n")])
        #expect(loaded.headlines == [
            "\(input.at(1)): error: the validation source gives 3 features, but the training source gives 2 [validation-mismatch]",
            "\(input.at(1)): error: the validation source gives 2 classes, but the training source gives 3 classes [validation-mismatch]",
        ])
    }

    /// `sprout show`'s text: written, read back from another folder (the paths are absolute), written again.
    @Test func resolvedConfigRoundTrips() throws {
        let input = Self.config("{source: csv, path: d.csv, target: \"the y\", delimiter: \"\\t\", validation: {source: csv, path: ./v.csv, target: \"the y\", delimiter: \"\\t\"}, normalize: minmax}")
        let rows = Self.text("a\tthe y\n1\t0\n2\t1\n3\t2\n")
        let first = try load(input, files: ["d.csv": rows, "v.csv": rows])
        let spec = try #require(first.result.spec)
        let text = ResolvedConfig.yaml(spec)
        let d = first.folder.appendingPathComponent("d.csv").path, v = first.folder.appendingPathComponent("v.csv").path
        #expect(text.contains("""
            data:
              source: csv
              path: "\(d)"
              target: "the y"
              delimiter: "\\t"
              header: true
              missing: error
              validation:
                source: csv
                path: "\(v)"
                target: "the y"
                delimiter: "\\t"
                header: true
                missing: error
              normalize: minmax
              shuffle: true
            """))
        let again = try load(MarkedText(text), files: [:])
        #expect(again.headlines == [])
        #expect(again.result.spec.map(ResolvedConfig.yaml) == text)
        #expect(again.result.spec?.data == spec.data)
    }
}
