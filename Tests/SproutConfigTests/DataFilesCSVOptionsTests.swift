import Foundation
import SproutConfig
import SproutDataFiles
import SproutTestSupport
import Testing

/// The csv source's `features`, `missing` and `fill_value`, and text targets, through `ConfigLoader`: each problem
/// at the key it is about. Expected counts and messages were worked out from the files by hand.
@Suite struct DataFilesCSVOptionsTests {
    let files = DataFilesTests()

    /// Line 3 has `NA` in column a, line 4 an empty b, line 5 is short (no target).
    static let gaps = DataFilesTests.text("a,b,y\n1,2,0\nNA,3,1\n4,,1\n5,6\n7,8,1\n")

    @Test func aMissingValueIsAnErrorByDefault() throws {
        let input = DataFilesTests.config("{source: csv, path: 1️⃣d.csv, target: y}", units: 2)
        let loaded = try files.load(input, files: ["d.csv": Self.gaps])
        #expect(loaded.headlines == ["\(input.at(1)): error: d.csv: line 3, column 'a': missing value ('NA') [invalid-csv]"])
        #expect(loaded.help == ["name a policy for missing values: missing: drop (leave the row out) or missing: fill (with fill_value)"])
    }

    /// drop: lines 3, 4 and 5 go, 2 rows stay (lines 2 and 6).
    @Test func dropLeavesTheRowsOut() throws {
        let loaded = try files.load(DataFilesTests.config("{source: csv, path: d.csv, target: y, missing: drop}", units: 2),
                                    files: ["d.csv": Self.gaps])
        #expect(loaded.headlines == [])
        guard case .csv(let file)? = loaded.result.spec?.data.source else { Issue.record("no csv source"); return }
        #expect(file.rows == 2 && file.featureCount == 2 && file.classes == 2 && file.missing == .drop)
    }

    /// fill: line 5's target is missing, which fill does not invent: reported at `missing`.
    @Test func fillNeverInventsATarget() throws {
        let input = DataFilesTests.config("{source: csv, path: d.csv, target: y, missing: 1️⃣fill, fill_value: -1}", units: 2)
        let loaded = try files.load(input, files: ["d.csv": Self.gaps])
        #expect(loaded.headlines == [
            "\(input.at(1)): error: d.csv: line 5, column 'y': the target is missing, and fill_value fills features only [invalid-csv]",
        ])
        // Without line 5: 4 rows, the two gaps filled.
        let fixed = DataFilesTests.text("a,b,y\n1,2,0\nNA,3,1\n4,,1\n7,8,1\n")
        let filled = try files.load(input, files: ["d.csv": fixed])
        #expect(filled.headlines == [])
        guard case .csv(let file)? = filled.result.spec?.data.source else { Issue.record("no csv source"); return }
        #expect(file.rows == 4 && file.missing == .fill(-1))
    }

    @Test func fillValueWithoutFillIsAWarning() throws {
        let input = DataFilesTests.config("{source: csv, path: d.csv, target: y, fill_value: 1️⃣3}", units: 2)
        let loaded = try files.load(input, files: ["d.csv": DataFilesTests.text("a,y\n1,0\n2,1\n")])
        #expect(loaded.headlines == ["\(input.at(1)): warning: fill_value is used only with missing: fill [ignored-setting]"])
        #expect(loaded.result.spec != nil)
    }

    /// Only the listed columns are read: `id` holds text and is not a feature.
    @Test func featuresPickColumns() throws {
        let csv = DataFilesTests.text("id,a,b,y\nx1,1,2,0\nx2,3,4,1\n")
        let loaded = try files.load(DataFilesTests.config("{source: csv, path: d.csv, target: y, features: [b, a]}", units: 2),
                                    files: ["d.csv": csv])
        #expect(loaded.headlines == [])
        #expect(loaded.result.spec?.data.source.featureCount == 2)
        // Without the list, id is a feature and its text is reported.
        let input = DataFilesTests.config("{source: csv, path: 1️⃣d.csv, target: y}", units: 2)
        let all = try files.load(input, files: ["d.csv": csv])
        #expect(all.headlines == ["\(input.at(1)): error: d.csv: line 2, column 'id': 'x1' is not a number [invalid-csv]"])
    }

    @Test func featureProblemsAreReportedAtTheirName() throws {
        let csv = DataFilesTests.text("id,alpha,y\n1,2,0\n")
        let unknown = DataFilesTests.config("{source: csv, path: d.csv, target: y, features: [id, 1️⃣alpah]}", units: 2)
        let a = try files.load(unknown, files: ["d.csv": csv])
        #expect(a.headlines == ["\(unknown.at(1)): error: d.csv has no column 'alpah' [invalid-csv]"])
        #expect(a.help == ["did you mean 'alpha'?"])
        let target = DataFilesTests.config("{source: csv, path: d.csv, target: y, features: [1️⃣y]}", units: 2)
        let b = try files.load(target, files: ["d.csv": csv])
        #expect(b.headlines == ["\(target.at(1)): error: 'y' is the target; it cannot be a feature too [invalid-csv]"])
        let twice = DataFilesTests.config("{source: csv, path: d.csv, target: y, features: [1️⃣id, id]}", units: 2)
        let c = try files.load(twice, files: ["d.csv": csv])
        #expect(c.headlines == ["\(twice.at(1)): error: 'id' is listed twice in features [invalid-csv]"])
        let empty = DataFilesTests.config("{source: csv, path: d.csv, target: y, features: 1️⃣[]}", units: 2)
        let d = try files.load(empty, files: ["d.csv": csv])
        #expect(d.headlines == ["\(empty.at(1)): error: 'features' is empty [empty-list]"])
    }

    /// Text targets: the distinct texts sorted by their bytes ("Iris-setosa" < "Iris-versicolor" <
    /// "Iris-virginica"), 3 classes.
    @Test func textTargetsAreClassNames() throws {
        let csv = DataFilesTests.text("a,species\n1,Iris-virginica\n2,Iris-setosa\n3,\"Iris-versicolor\"\n4,Iris-setosa\n")
        let loaded = try files.load(DataFilesTests.config("{source: csv, path: d.csv, target: species}"), files: ["d.csv": csv])
        #expect(loaded.headlines == [])
        guard case .csv(let file)? = loaded.result.spec?.data.source else { Issue.record("no csv source"); return }
        #expect(file.classes == 3 && file.classNames == ["Iris-setosa", "Iris-versicolor", "Iris-virginica"])
        // A regression loss over them says why they are classes.
        let input = DataFilesTests.config("{source: csv, path: d.csv, target: species}", units: 1, loss: "1️⃣mse")
        let mse = try files.load(input, files: ["d.csv": csv])
        #expect(mse.headlines == ["\(input.at(1)): error: loss 'mse' needs a regression target, but data source 'csv' gives class labels [loss-data-mismatch]"])
        #expect(mse.help.contains("the target column 'species' holds text ('Iris-virginica' on line 2), so its values are class names"))
    }

    /// A validation file with the same number of classes but other names would give an index two meanings.
    @Test func validationClassNamesMustAgree() throws {
        let input = DataFilesTests.config("{source: csv, path: d.csv, target: y, validation: 1️⃣{source: csv, path: v.csv, target: y}}",
                                          units: 2)
        let loaded = try files.load(input, files: ["d.csv": DataFilesTests.text("a,y\n1,cat\n2,dog\n"),
                                                   "v.csv": DataFilesTests.text("a,y\n1,cat\n2,cow\n")])
        #expect(loaded.headlines == [
            "\(input.at(1)): error: the validation source's classes are named 'cat', 'cow', but the training source's 'cat', 'dog' [validation-mismatch]",
        ])
        let numbered = try files.load(input, files: ["d.csv": DataFilesTests.text("a,y\n1,0\n2,1\n"),
                                                     "v.csv": DataFilesTests.text("a,y\n1,cat\n2,cow\n")])
        #expect(numbered.headlines == [
            "\(input.at(1)): error: the validation source's classes are named 'cat', 'cow', but the training source's by number [validation-mismatch]",
        ])
    }

    /// `sprout show`'s text for the new csv settings reads back to the same spec.
    @Test func resolvedConfigRoundTrips() throws {
        let input = DataFilesTests.config("{source: csv, path: d.csv, target: \"the y\", features: [b, \"a,1\"], missing: fill, fill_value: -2.5}",
                                          units: 2)
        let first = try files.load(input, files: ["d.csv": DataFilesTests.text("\"a,1\",b,the y\n1,,0\n2,3,1\n")])
        let spec = try #require(first.result.spec, "\(first.headlines)")
        let text = ResolvedConfig.yaml(spec)
        #expect(text.contains("  features: [\"b\", \"a,1\"]\n") && text.contains("  missing: fill\n  fill_value: -2.5\n"))
        let again = try files.load(MarkedText(text), files: [:])
        #expect(again.headlines == [])
        #expect(again.result.spec?.data == spec.data)
    }
}
