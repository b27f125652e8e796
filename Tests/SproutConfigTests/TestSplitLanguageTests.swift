import Foundation
import SproutConfig
import SproutTestSupport
import Testing

/// `data.test`: a fraction held out first, or another file; its rules reported all at once, at their place.
@Suite struct TestSplitLanguageTests {
    func config(_ data: String) -> MarkedText {
        MarkedText("""
            data: \(data)
            model: {layers: [{type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
            """)
    }

    /// 0 by default (no test split), a fraction read as written, and written back by the resolved config only
    /// when set (so that the fingerprint of every config without one stays what it was).
    @Test func defaultFractionAndResolvedText() throws {
        let none = try #require(try decode(config("{source: xor}")).spec)
        #expect(none.data.test == .none)
        #expect(!ResolvedConfig.yaml(none).contains("test:"))
        let spec = try #require(try decode(config("{source: xor, test: 0.2, validation: 0.1}")).spec)
        #expect(spec.data.test == .fraction(0.2) && spec.data.validation == .fraction(0.1))
        let text = ResolvedConfig.yaml(spec)
        #expect(text.contains("  validation: 0.1\n  test: 0.2\n  normalize: none\n"))
        let again = try #require(try decode(MarkedText(text)).spec)
        #expect(again.data == spec.data)
    }

    /// Every mistake of the rule, each at its own value. xor 4: test 0.1 holds out round(0.4) = 0; 0.5 and 0.5
    /// hold out 2 + 2 of 4; 0.9 alone holds out round(3.6) = 4.
    @Test(arguments: [
        ("{source: xor, samples: 4, test: 1️⃣0.1}", "test 0.1 of 4 examples leaves no example to test on [empty-split]"),
        ("{source: xor, samples: 4, test: 1️⃣0.9}", "test 0.9 of 4 examples leaves no example to train on [empty-split]"),
        ("{source: xor, samples: 4, validation: 0.5, test: 1️⃣0.5}",
         "test 0.5 and validation 0.5 of 4 examples hold out 2 + 2 and leave no example to train on [empty-split]"),
        ("{source: xor, test: 1️⃣1}", "'test' must be at least 0 and less than 1, found 1 [out-of-range]"),
        ("{source: xor, test: 1️⃣{source: sine}}",
         "the test source 'sine' is not a file: generated or bundled data would repeat the training examples [test-not-file]"),
    ])
    func mistakes(data: String, message: String) throws {
        let input = config(data)
        #expect(try decode(input).headlines == ["\(input.at(1)): error: \(message)"])
    }

    /// Both fractions wrong at once: both reported.
    @Test func everyMistakeAtOnce() throws {
        let input = config("{source: xor, samples: 4, validation: 2️⃣0.1, test: 1️⃣0.1}")
        #expect(try decode(input).headlines == [
            "\(input.at(2)): error: validation 0.1 of 4 examples leaves no example to validate on [empty-split]",
            "\(input.at(1)): error: test 0.1 of 4 examples leaves no example to test on [empty-split]",
        ])
    }

    /// A test file must have the training file's features and classes: both differences reported, at the mapping.
    @Test func testSourceMustHaveTheSameShape() throws {
        let input = DataFilesTests.config("{source: csv, path: d.csv, target: y, test: 1️⃣{source: csv, path: t.csv, target: y}}")
        let loaded = try DataFilesTests().load(input, files: ["d.csv": DataFilesTests.text("a,b,y\n1,2,0\n3,4,2\n"),
                                                              "t.csv": DataFilesTests.text("a,b,c,y\n1,2,3,1\n")])
        #expect(loaded.headlines == [
            "\(input.at(1)): error: the test source gives 3 features, but the training source gives 2 [test-mismatch]",
            "\(input.at(1)): error: the test source gives 2 classes, but the training source gives 3 classes [test-mismatch]",
        ])
        #expect(loaded.help.contains("test on data with the same columns as the training data"))
        let good = try DataFilesTests().load(input, files: ["d.csv": DataFilesTests.text("a,b,y\n1,2,0\n3,4,2\n"),
                                                            "t.csv": DataFilesTests.text("a,b,y\n5,6,2\n")])
        #expect(good.headlines == [])
        guard case .source(.csv(let file)) = good.result.spec?.data.test else { Issue.record("no test source"); return }
        #expect(file.rows == 1 && file.featureCount == 2)
    }
}
