import SproutDataFiles
import Testing

/// `CSVTable.read`, the one CSV reader behind the validator's probe and the engine's loader, on hand-written
/// files. Every expected value is read off the file text by hand.
@Suite struct CSVTableTests {
    static func read(_ text: String, target: String = "y", features: [String]? = nil,
                     missing: MissingValuePolicy = .error, delimiter: Character = ",") throws(CSVError) -> CSVTable {
        let options = CSVOptions(delimiter: delimiter.asciiValue ?? 0x2C, target: target, features: features,
                                 missing: missing)
        return try CSVTable.read(Array(text.utf8), name: "d.csv", options: options)
    }

    static func error(_ text: String, target: String = "y", features: [String]? = nil,
                      missing: MissingValuePolicy = .error) -> CSVError? {
        do {
            _ = try read(text, target: target, features: features, missing: missing)
            return nil
        } catch {
            return error
        }
    }

    /// A BOM, CRLF line ends, a quoted header name holding the delimiter and a doubled quote, blanks around an
    /// unquoted value and around a quoted one, and blank trailing lines (one with spaces).
    @Test func quotingLineEndsBOMAndBlankLines() throws {
        let text = "\u{FEFF}\"a,1\",\"b\"\"2\",y\r\n 1.5 , \"-2\" ,0\r\n3,4e-1,1\r\n\r\n   \r\n\n"
        let table = try Self.read(text)
        #expect(table.header == ["a,1", "b\"2", "y"])
        #expect(table.rows == 2 && table.featureCount == 2)
        // " -2 " in quotes keeps its blanks, which a number may not have: so quote only what needs it.
        #expect(Self.error("a,y\n\" -2 \",0\n")?.message == "d.csv: line 2, column 'a': ' -2 ' is not a number")
        #expect(table.features == [1.5, -2, 3, 0.4])
        #expect(table.targets == .classes(labels: [0, 1], count: 2))
    }

    /// A quoted field spanning two lines moves the following rows' line numbers on.
    @Test func aQuotedLineBreakCountsAsALine() {
        let error = Self.error("a,b,y\n\"x\ny\",1,0\n1,2,zero\n3,oops,1\n", features: ["b"])
        #expect(error?.message == "d.csv: line 5, column 'b': 'oops' is not a number")
    }

    @Test func badNumberNamesFileLineAndColumn() {
        let error = Self.error("a,b,y\n1,2,0\n3,4..5,1\n")
        #expect(error?.subject == .file)
        #expect(error?.message == "d.csv: line 3, column 'b': '4..5' is not a number")
    }

    @Test func raggedRows() {
        // Long: always an error, whatever the policy.
        for policy in [MissingValuePolicy.error, .drop, .fill(0)] {
            #expect(Self.error("a,y\n1,0\n2,1,9\n", missing: policy)?.message == "d.csv: line 3 has 3 fields, but the header has 2")
        }
        // Short: missing values, an error by default.
        #expect(Self.error("a,b,y\n1,2,0\n3\n")?.message == "d.csv: line 3 has 1 field, but the header has 3")
    }

    /// Line 3 misses b (empty), line 4 misses a (NA) and has the text class `c`, line 5 is short of b and y.
    static let gaps = "a,b,y\n1,2,0\n3,,1\nNA,5,1\n6\n7,8,0\n"

    @Test func missingValueWithEachPolicy() throws {
        #expect(Self.error(Self.gaps)?.message == "d.csv: line 3, column 'b': missing value (an empty field)")
        let dropped = try Self.read(Self.gaps, missing: .drop)
        #expect(dropped.rows == 2 && dropped.droppedRows == 3)
        #expect(dropped.features == [1, 2, 7, 8])
        #expect(dropped.targets == .classes(labels: [0, 0], count: 1))
        // fill: line 5's target is missing, never filled.
        let error = Self.error(Self.gaps, missing: .fill(-1))
        #expect(error?.subject == .missing)
        #expect(error?.message == "d.csv: line 5, column 'y': the target is missing, and fill_value fills features only")
        let filled = try Self.read(Self.gaps.replacingOccurrences(of: "6\n", with: "6,,1\n"), missing: .fill(-1))
        #expect(filled.rows == 5 && filled.filledValues == 3)
        #expect(filled.features == [1, 2, 3, -1, -1, 5, 6, -1, 7, 8])
        #expect(filled.targets == .classes(labels: [0, 1, 1, 1, 0], count: 2))
    }

    /// Every row dropped, a header alone, nothing at all.
    @Test func nothingLeft() {
        #expect(Self.error("a,y\n,1\n", missing: .drop)?.message
                == "d.csv: every row has a missing value, so missing: drop leaves no example")
        #expect(Self.error("a,y\n\n\n")?.message == "d.csv has a header but no rows")
        #expect(Self.error("")?.message == "d.csv is empty: it needs a header line naming the columns")
        #expect(Self.error("\u{FEFF}\r\n  \n")?.message == "d.csv is empty: it needs a header line naming the columns")
    }

    @Test func missingTargetColumn() {
        let error = Self.error("a,label\n1,0\n")
        #expect(error?.subject == .target)
        #expect(error?.message == "d.csv has no column 'y'")
        #expect(error?.header == ["a", "label"])
    }

    /// Texts in byte order: "Iris-setosa" < "Iris-versicolor" < "Iris-virginica" ('s' < 'v', then 'e' < 'i');
    /// a number among texts is one more text ("2" sorts before "I").
    @Test func textTargetsBecomeSortedClasses() throws {
        let table = try Self.read("a,y\n1,Iris-virginica\n2,Iris-setosa\n3,Iris-versicolor\n4,Iris-setosa\n5,2\n")
        #expect(table.targets == .names(labels: [3, 1, 2, 1, 0], names: ["2", "Iris-setosa", "Iris-versicolor", "Iris-virginica"]))
        #expect(table.firstTextTarget?.line == 2 && table.firstTextTarget?.text == "Iris-virginica")
    }

    /// Whole numbers 0 to 999 are classes; a fraction, a negative number or 1000 makes regression values.
    @Test func numericTargets() throws {
        #expect(try Self.read("a,y\n1,2.0\n2,0\n").targets == .classes(labels: [2, 0], count: 3))
        #expect(try Self.read("a,y\n1,2.5\n2,0\n").targets == .values([2.5, 0]))
        #expect(try Self.read("a,y\n1,-1\n2,0\n").targets == .values([-1, 0]))
        #expect(try Self.read("a,y\n1,1000\n2,0\n").targets == .values([1000, 0]))
    }

    /// 1001 distinct texts are too many classes.
    @Test func tooManyNames() {
        let rows = (0...1000).map { "1,c\($0)\n" }.joined()
        let error = Self.error("a,y\n" + rows)
        #expect(error?.message == "d.csv: the target column 'y' holds text ('c0' on line 2) and more than 1000 distinct values")
    }

    @Test func featuresByName() throws {
        let table = try Self.read("id,a,b,y\nr1,1,2,0\nr2,3,4,1\n", features: ["b", "a"])
        #expect(table.featureColumns == [2, 1])
        #expect(table.features == [2, 1, 4, 3])
        #expect(Self.error("a,y\n1,0\n", features: ["y"])?.subject == .feature("y"))
        #expect(Self.error("a,y\n1,0\n", features: ["b"])?.message == "d.csv has no column 'b'")
    }

    @Test func tabDelimiter() throws {
        let table = try Self.read("a\ty\n1.5\t0\n", delimiter: "\t")
        #expect(table.header == ["a", "y"] && table.features == [1.5])
        // With ',' the header is one column, 'a\ty', and there is no column y.
        #expect(Self.error("a\ty\n1.5\t0\n")?.message == "d.csv has no column 'y'")
        #expect(Self.error("a,y\n\"1\"x,0\n")?.message == "d.csv: line 2 has text after the closing quote of a field")
    }

    /// A file that is not UTF-8 text is called that, at its line, before any column or number is looked for.
    @Test func aFileThatIsNotTextIsCalledThat() {
        func message(_ bytes: [UInt8]) -> String? {
            do {
                _ = try CSVTable.read(bytes, name: "d.csv", options: CSVOptions(delimiter: 0x2C, target: "y"))
                return nil
            } catch {
                return error.message
            }
        }
        // "a,y\n1,0\n2<NUL>,1\n": the NUL is on line 3.
        #expect(message(Array("a,y\n1,0\n2".utf8) + [0] + Array(",1\n".utf8))
                == "d.csv is not text: line 3 contains a NUL byte (a CSV file is UTF-8 text)")
        // Latin-1's é (0xE9) alone is not UTF-8; UTF-8's é (0xC3 0xA9) is fine as a class name.
        #expect(message(Array("a,y\n1,0\n2,".utf8) + [0xE9] + Array("\n".utf8))
                == "d.csv is not UTF-8: line 3 has the byte 0xE9; save the file as UTF-8 (a Latin-1 or Windows-1252 export must be converted)")
        #expect(message(Array("a,y\n1,\u{E9}t\u{E9}\n2,hiver\n".utf8)) == nil)
        // An overlong encoding of '/' (0xC0 0xAF) and a UTF-16 file (its byte order mark FF FE).
        #expect(message(Array("a,y\n".utf8) + [0xC0, 0xAF]) == "d.csv is not UTF-8: line 2 has the byte 0xC0; save the file as UTF-8 (a Latin-1 or Windows-1252 export must be converted)")
        #expect(message([0xFF, 0xFE, 0x61, 0x00]) == "d.csv is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8")
    }
}
