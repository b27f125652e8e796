/// Test input with position markers, swift-format style: `1️⃣` … `9️⃣` stand just before the character a diagnostic
/// must point at. The markers are removed and their 1-based line:column recorded, so no test counts by hand.
public struct MarkedText: Sendable {
    public var text: String
    /// Marker digit -> (line, column), columns in Unicode scalars like Sprout's.
    public var positions: [Int: (line: Int, column: Int)] = [:]

    public init(_ marked: String) {
        let markers: [Character: Int] = ["1️⃣": 1, "2️⃣": 2, "3️⃣": 3, "4️⃣": 4, "5️⃣": 5, "6️⃣": 6, "7️⃣": 7, "8️⃣": 8, "9️⃣": 9]
        var text = "", line = 1, column = 1
        for character in marked {
            if let marker = markers[character] {
                positions[marker] = (line, column)
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
    }

    /// `file:line:col` of marker `n`.
    public func location(_ n: Int, in file: String) -> String {
        guard let p = positions[n] else { return "\(file):?:?" }
        return "\(file):\(p.line):\(p.column)"
    }
}
