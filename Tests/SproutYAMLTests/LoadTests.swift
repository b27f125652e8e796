import SproutDiagnostics
import Testing

@testable import SproutYAML

@Suite struct LoadTests {
    @Test func loadReturnsTreeAndSource() throws {
        let path = YAMLTesting.fixture("core-schema.yaml")
        let loaded = try YAMLDocument.load(path: path)
        #expect(loaded.source == "a: no\nb: 0o10\nc: 0x1p3\n")
        #expect(loaded.root["b"]?.location == SourceLocation(file: path, line: 2, column: 4))
    }

    @Test func missingFileIsADiagnosticWithoutLocation() {
        let path = YAMLTesting.fixture("does-not-exist.yaml")
        #expect {
            try YAMLDocument.load(path: path)
        } throws: { error in
            let diagnostics = (error as? DiagnosticError)?.diagnostics ?? []
            return diagnostics.map(\.headline) == ["\(path): error: cannot read the file: No such file or directory [unreadable-file]"]
                && diagnostics.allSatisfy { $0.location == nil }
        }
    }

    @Test func directoryIsADiagnostic() {
        let path = YAMLTesting.fixture("")
        #expect {
            try YAMLDocument.load(path: path)
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.map(\.message) == ["cannot read the file: it is a directory"]
        }
    }

    @Test func fileSizeIsCheckedFromTheFileSize() {
        let path = YAMLTesting.fixture("billion-laughs.yaml")
        #expect {
            try YAMLDocument.load(path: path, limits: YAMLLimits(maxFileBytes: 341))
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.map(\.message) == ["the file is larger than the limit of 341 bytes"]
        }
        #expect {
            // 342 bytes fit; the alias budget is what rejects it then.
            try YAMLDocument.load(path: path, limits: YAMLLimits(maxFileBytes: 342))
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.map(\.message)
                == ["expanding alias 'e' would make the document larger than 100000 nodes"]
        }
    }
}
