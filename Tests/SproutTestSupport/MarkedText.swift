import SproutDiagnostics

/// Test input with position markers, swift-format style: `1️⃣` … `9️⃣` stand just before the character a diagnostic
/// must point at. The markers are removed and their 1-based line:column recorded (columns in Unicode scalars, as
/// Sprout counts them), so no test counts lines or columns by hand.
public struct MarkedText: Sendable {
    static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    public let text: String
    /// The file name used in the locations this value returns.
    public let file: String
    private var positions: [Int: Position] = [:]

    private struct Position: Sendable {
        var line: Int
        var column: Int
    }

    public init(_ marked: String, file: String = "test.yaml") {
        self.file = file
        var text = "", line = 1, column = 1
        for character in marked {
            if let index = Self.markers.firstIndex(of: character) {
                positions[index + 1] = Position(line: line, column: column)
                continue
            }
            text.append(character)
            // "\r\n" is one Character in Swift: a line break like "\n".
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
    }

    /// The location of marker `number` (1 for `1️⃣`); a missing marker gives 0:0, so the test fails visibly.
    public func location(_ number: Int) -> SourceLocation {
        let position = positions[number] ?? Position(line: 0, column: 0)
        return SourceLocation(file: file, line: position.line, column: position.column)
    }

    /// `line:column` of marker `number`.
    public func lineColumn(_ number: Int) -> String {
        let location = location(number)
        return "\(location.line):\(location.column)"
    }

    /// `file:line:column` of marker `number`, with another file name (the path a test wrote the text to).
    public func location(_ number: Int, in file: String) -> String {
        "\(file):\(lineColumn(number))"
    }
}
