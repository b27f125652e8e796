import Foundation
import SproutDiagnostics
import Testing

/// docs/diagnostics.md lists every rule id with its severity; `DiagnosticID` is every id the code can emit. The two
/// must be the same set, so that a new rule cannot ship undocumented and a documented id cannot silently vanish.
@Suite struct DiagnosticCatalogueTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The rows `| \`id\` | severity | meaning | fix |` of every table in docs/diagnostics.md.
    static func documentedRows() throws -> [(id: String, severity: String, meaning: String, fix: String)] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("| `") else { return nil }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 4 else { return ("malformed row: \(line)", "", "", "") }
            return (cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), cells[1], cells[2], cells[3])
        }
    }

    @Test func documentedIdsAreExactlyTheCatalogue() throws {
        let rows = try Self.documentedRows()
        let documented = rows.map(\.id)
        let emitted = DiagnosticID.allCases.map(\.rawValue)
        #expect(Set(documented).subtracting(emitted).sorted() == [], "documented but not in DiagnosticID")
        #expect(Set(emitted).subtracting(documented).sorted() == [], "in DiagnosticID but not documented")
        #expect(documented.count == Set(documented).count, "an id is documented twice")
    }

    @Test func documentedSeveritiesAreTheRules() throws {
        let severities = Dictionary(try Self.documentedRows().map { ($0.id, $0.severity) }, uniquingKeysWith: { a, _ in a })
        for id in DiagnosticID.allCases {
            #expect(severities[id.rawValue] == id.severity.rawValue, "\(id.rawValue)")
        }
    }

    @Test func everyRowSaysWhatItMeansAndHowToFixIt() throws {
        for row in try Self.documentedRows() {
            #expect(!row.meaning.isEmpty && !row.fix.isEmpty, "\(row.id)")
        }
    }

    /// Ids are short kebab-case words, as the docs and a later "acknowledge this warning" setting spell them.
    @Test func idsAreKebabCase() {
        for id in DiagnosticID.allCases {
            #expect(id.rawValue.range(of: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", options: .regularExpression) != nil,
                    "\(id.rawValue)")
        }
    }

    /// Every id in the catalogue is named (`.caseName`) by some rule under Sources/, so the catalogue lists only
    /// ids the code can emit: a rule removed without its id fails here.
    @Test func everyIdIsEmittedSomewhere() throws {
        let sources = Self.packageRoot.appendingPathComponent("Sources")
        var text = ""
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift", file.lastPathComponent != "DiagnosticID.swift" else { continue }
            text += (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        }
        #expect(!text.isEmpty)
        for id in DiagnosticID.allCases {
            let name = String(describing: id)
            #expect(text.range(of: "\\.\(name)\\b", options: .regularExpression) != nil, "\(id.rawValue) (.\(name))")
        }
    }
}
