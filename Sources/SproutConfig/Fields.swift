import SproutDiagnostics
import SproutYAML

/// The entries of one config mapping, with its keys checked against the keys that section allows.
///
/// An unknown key is an error with a did-you-mean, never silently ignored: a typo like `lerning_rate` would
/// otherwise train with the default and nobody would notice.
struct Fields {
    let node: Node
    let entries: [MappingEntry]

    /// `nil` (after an error) when `node` is not a mapping. `section` names it in messages ("train", "layer 'hidden'").
    init?(_ node: Node, section: String, allowed: [String], into diagnostics: DiagnosticCollector) {
        guard let entries = node.mappingEntries else {
            diagnostics.error("\(section) must be a mapping, found \(node.kindDescription)", at: node.location)
            return nil
        }
        self.node = node
        self.entries = entries
        for entry in entries where !allowed.contains(entry.key.text) {
            diagnostics.error(
                "unknown key '\(Suggestions.display(entry.key.text))' in \(section)", at: entry.keyLocation,
                help: [Suggestions.help(for: entry.key.text, among: allowed, kind: "keys")])
        }
    }

    subscript(key: String) -> Node? { node[key] }

    /// The value of a required key; reports it missing (at the mapping) when absent.
    func required(_ key: String, section: String, into diagnostics: DiagnosticCollector) -> Node? {
        if let value = node[key] { return value }
        diagnostics.error("\(section) is missing the required key '\(key)'", at: node.location)
        return nil
    }
}
