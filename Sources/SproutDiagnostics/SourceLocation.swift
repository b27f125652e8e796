/// A place in a source file, 1-based like a compiler's: line 1, column 1 is the first character.
///
/// libyaml's marks are 0-based; they become 1-based once, in the YAML parser, and never again.
/// Columns count Unicode scalars (characters as libyaml counts them), not bytes.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The file path as the user gave it (so messages read like `configs/xor.yaml:7:11`).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
