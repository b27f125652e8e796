import SproutDiagnostics
import SproutYAML

/// What names may look like, since they become paths and keys.
enum NameRules {
    /// A run name becomes a directory under runs/: ASCII letters, digits, `-`, `_`, `.`; not starting with `.`
    /// (no hidden folders, no `..`); at most 100 characters.
    static func isValidRunName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { isWordCharacter($0) || $0 == "." }
    }

    /// A node name becomes part of parameter names (`hidden.weight`, PyTorch's state_dict keys, where `.` separates
    /// module from parameter) and of random-stream keys: ASCII letters, digits, `_`, `-`; at most 64 characters.
    static func isValidNodeName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy(isWordCharacter)
    }

    /// The same rules as regular expressions, for the JSON Schema (ECMA 262 syntax).
    static func pattern(_ kind: NameKind) -> String {
        switch kind {
        case .run: return "^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$"
        case .node: return "^[A-Za-z0-9_-]{1,64}$"
        }
    }

    private static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    /// The run name written as `name:`, or `nil` after an error.
    static func runName(_ node: Node, into diagnostics: DiagnosticCollector) -> String? {
        guard let name = diagnostics.string(node, "name") else { return nil }
        guard isValidRunName(name) else {
            diagnostics.report(.invalidRunName, "'name' must be letters, digits, '-', '_' or '.', not starting with '.', found '\(Suggestions.display(name))'",
                               at: node.location, help: ["the name is the run's directory under runs/"])
            return nil
        }
        return name
    }

    /// The file's stem as the run name when the config has no `name:`, or `nil` after an error about the file.
    static func runName(fromStem stem: String, file: String, into diagnostics: DiagnosticCollector) -> String? {
        guard isValidRunName(stem) else {
            diagnostics.add(Diagnostic(
                .invalidRunName, "the file name '\(Suggestions.display(stem))' cannot be a run name", file: file,
                help: ["add a `name:` made of letters, digits, '-', '_' or '.', or rename the file"]))
            return nil
        }
        return stem
    }

    static func nodeName(_ node: Node, into diagnostics: DiagnosticCollector) -> String? {
        guard let name = diagnostics.string(node, "name") else { return nil }
        guard isValidNodeName(name) else {
            diagnostics.report(.invalidNodeName, "node name '\(Suggestions.display(name))' must be letters, digits, '_' or '-'",
                               at: node.location,
                               help: ["node names become parameter names such as '<node>.weight', so they cannot hold '.'"])
            return nil
        }
        return name
    }
}

extension ExperimentSpec {
    /// Whether `name` may be a run's name (`NameRules.isValidRunName`): a batch asks before it runs a config under
    /// its file's stem.
    public static func isValidRunName(_ name: String) -> Bool { NameRules.isValidRunName(name) }
}
