import SproutDiagnostics
import SproutYAML

/// One command-line override, in Hydra's grammar:
///
/// - `key.path=value` sets a setting of the language at that place, whether the config writes it or leaves it to
///   its default (Sprout's defaults are part of every config, as a Hydra structured config's fields are);
/// - `+key.path=value` adds a setting the config does not write (written already: an error, so that a typo'd
///   intention to add does not silently change a value);
/// - `++key.path=value` sets or adds, whichever applies;
/// - `~key.path` removes a setting the config writes (`~key.path=value`: only when it is written with that value).
///
/// The value is YAML, read as the value of a one-line mapping entry would be: a plain or quoted scalar, or a flow
/// collection (`[32, 16]`, `{type: adam, lr: 0.001}`). Nodes of the model are addressed by name, with or without
/// `layers` (`model.hidden.units` or `model.layers.hidden.units`).
public struct ConfigOverride: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        case set = "", add = "+", setOrAdd = "++", remove = "~"
    }

    public var action: Action
    /// The argument as given on the command line.
    public var text: String
    /// The dotted key path, split at the dots.
    public var path: [String]
    /// Where each part of `path` starts in `<arguments>` (its argument's line).
    public var partLocations: [SourceLocation]
    /// The value (`nil` for `~key` without one); with `--sweep` and a comma outside brackets and quotes, the
    /// values to sweep instead.
    public var value: Node?
    public var sweepValues: [Node]?

    /// `a.b.c` as written.
    public var pathText: String { path.joined(separator: ".") }
    /// The path spelt one way whatever the config (`SettingPaths.shortened`): `model.hidden.units` for
    /// `model.layers.hidden.units` too. Two overrides of one setting are one (an error), and the run's name uses it.
    public var canonicalText: String { SettingPaths.shortened(path).joined(separator: ".") }
}

extension ConfigOverride {
    /// An argument that looks like an override rather than a path: `[+|++|~]key.path=...` or `~key.path`, the key
    /// made of letters, digits, `_`, `-` and dots, starting with a letter or `_`. A key never holds `/`, so a path to
    /// a config (`configs/xor.yaml`, `./lr=0.1.yaml`) is never taken for one.
    public static func looksLikeOverride(_ argument: String) -> Bool {
        var rest = Substring(argument)
        let removal = rest.hasPrefix("~")
        if rest.hasPrefix("++") { rest = rest.dropFirst(2) } else if rest.hasPrefix("+") || removal { rest = rest.dropFirst() }
        let key = rest.prefix { $0 != "=" }
        guard let first = key.unicodeScalars.first, isKeyStart(first),
              key.unicodeScalars.allSatisfy({ isKeyCharacter($0) || $0 == "." }) else { return false }
        return removal || key.count < rest.count
    }

    static func isKeyStart(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_"
    }

    static func isKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        isKeyStart(c) || ("0"..."9").contains(c) || c == "-"
    }

    /// Parses the argument on line `line` of `<arguments>`; `nil` after reporting what is wrong with it.
    static func parse(_ argument: String, line: Int, sweep: Bool, into diagnostics: DiagnosticCollector) -> ConfigOverride? {
        func at(_ column: Int) -> SourceLocation { SourceLocation(file: ConfigOverrides.file, line: line, column: column) }
        let scalars = Array(argument.unicodeScalars)
        guard !scalars.contains(where: { $0 == "\n" || $0 == "\r" }) else {
            diagnostics.report(.invalidOverride, "an override is one line; this one holds a line break", at: at(1))
            return nil
        }
        let action: ConfigOverride.Action = argument.hasPrefix("++") ? .setOrAdd
            : argument.hasPrefix("+") ? .add : argument.hasPrefix("~") ? .remove : .set
        let keyStart = action.rawValue.unicodeScalars.count
        let equals = scalars[keyStart...].firstIndex(of: "=")
        let keyEnd = equals ?? scalars.count
        // The key's parts, each with its column.
        var path: [String] = [], locations: [SourceLocation] = []
        var partStart = keyStart
        for index in keyStart...keyEnd where index == keyEnd || scalars[index] == "." {
            var part = ""
            part.unicodeScalars.append(contentsOf: scalars[partStart..<index])
            guard !part.isEmpty, part.unicodeScalars.allSatisfy(isKeyCharacter) else {
                let what = part.isEmpty ? "an empty key" : "'\(Suggestions.display(part))', which is not a key"
                diagnostics.report(.invalidOverride, "the override's path holds \(what)", at: at(partStart + 1),
                                   help: ["write the setting's path with dots between keys, e.g. train.optimizer.lr=0.01"])
                return nil
            }
            path.append(part)
            locations.append(at(partStart + 1))
            partStart = index + 1
        }
        var override = ConfigOverride(action: action, text: argument, path: path, partLocations: locations)
        guard let equals else {
            if action == .remove { return override }
            diagnostics.report(.invalidOverride, "the override '\(Suggestions.display(argument))' has no value", at: at(keyEnd + 1),
                               help: ["write key=value, e.g. \(path.joined(separator: "."))=..."])
            return nil
        }
        let valueColumn = equals + 2
        var valueText = ""
        valueText.unicodeScalars.append(contentsOf: scalars[(equals + 1)...])
        let pieces = ConfigOverride.topLevelPieces(valueText)
        if pieces.count > 1 && action != .remove {
            guard sweep else {
                diagnostics.report(.invalidOverride, "ambiguous value '\(Suggestions.display(valueText))': a comma outside brackets and quotes",
                                   at: at(valueColumn), help: [
                                       "to sweep over the values, add --sweep (or -m): one run each",
                                       "for a list, write it in brackets: \(override.pathText)=[\(valueText)]",
                                       "for a string with a comma, quote it: '\(override.pathText)=\"\(valueText)\"'",
                                   ])
                return nil
            }
            var values: [Node] = []
            for piece in pieces {
                guard !piece.text.allSatisfy(\.isWhitespace) else {
                    diagnostics.report(.invalidOverride, "an empty value in the sweep '\(Suggestions.display(valueText))'",
                                       at: at(valueColumn + piece.offset), help: ["write a value between each two commas"])
                    return nil
                }
                guard let value = parseValue(piece.text, of: override.pathText, at: at(valueColumn + piece.offset), into: diagnostics) else { return nil }
                values.append(value)
            }
            override.sweepValues = values
            return override
        }
        guard let value = parseValue(valueText, of: override.pathText, at: at(valueColumn), into: diagnostics) else { return nil }
        override.value = value
        return override
    }

    /// `text` parsed as YAML as the value of a mapping entry, its locations moved to `start` and on. A `#` that
    /// would start a YAML comment is refused rather than cutting the value short without a word.
    private static func parseValue(_ text: String, of key: String, at start: SourceLocation,
                                   into diagnostics: DiagnosticCollector) -> Node? {
        if let comment = commentStart(text) {
            diagnostics.report(.invalidOverride, "a '#' here would start a YAML comment and cut the value short",
                               at: SourceLocation(file: start.file, line: start.line, column: start.column + comment),
                               help: ["quote the value to keep the '#' (and the quotes for the shell): '\(key)=\"\(Suggestions.display(text))\"'"])
            return nil
        }
        let prefix = "v: "
        let move = { (location: SourceLocation) -> SourceLocation in
            SourceLocation(file: start.file, line: start.line,
                           column: max(start.column, start.column + location.column - 1 - prefix.count))
        }
        let read = YAMLDocument.read(bytes: Array((prefix + text).utf8), file: start.file)
        let problems = read.diagnostics.filter { $0.severity == .error }
        guard problems.isEmpty, let value = read.root?["v"] else {
            for problem in problems {
                // The YAML layer's notes and help speak of the line it parsed (`v: ...`), not of the argument.
                var moved = problem
                moved.location = problem.location.map(move)
                moved.notes = []
                moved.help = []
                moved.message = moved.message.replacingOccurrences(of: "'v'", with: "the value")
                diagnostics.add(moved)
            }
            if problems.isEmpty {
                diagnostics.report(.invalidOverride, "the override's value is not one YAML value", at: start,
                                   help: ["quote it (and the quotes for the shell): '\(key)=\"\(Suggestions.display(text))\"'"])
            }
            return nil
        }
        return value.relocated(move)
    }

    /// Where a YAML comment would start in a value (a `#` at its start or after a space or tab, outside quotes), as
    /// an offset in Unicode scalars; nil when there is none.
    static func commentStart(_ text: String) -> Int? {
        var quote: Unicode.Scalar? = nil, previous: Unicode.Scalar? = nil, atValueStart = true
        for (index, c) in text.unicodeScalars.enumerated() {
            defer { previous = c }
            if let open = quote {
                if c == open { quote = nil }
                continue
            }
            if (c == "'" || c == "\"") && atValueStart { quote = c; continue }
            if c == "#" && (previous == nil || previous == " " || previous == "\t") { return index }
            // A new scalar starts after a flow indicator or a comma, where a quote may open again.
            atValueStart = c == " " || c == "\t" || c == "[" || c == "{" || c == "," || c == ":"
                || (atValueStart && (c == " " || c == "\t"))
        }
        return nil
    }

    /// The value split at commas outside brackets, braces and quotes, each piece with its offset (in Unicode
    /// scalars) from the value's start: Hydra's sweep list `0.1,0.01`.
    static func topLevelPieces(_ text: String) -> [(text: String, offset: Int)] {
        var pieces: [(String, Int)] = [], depth = 0, quote: Unicode.Scalar? = nil
        var current = "", start = 0
        for (index, c) in text.unicodeScalars.enumerated() {
            if let open = quote {
                if c == open { quote = nil }
            } else if (c == "'" || c == "\"") && current.allSatisfy(\.isWhitespace) {
                // A quote opens a quoted scalar only at the start of a value, as in YAML (`it's` is plain).
                quote = c
            } else if c == "[" || c == "{" {
                depth += 1
            } else if c == "]" || c == "}" {
                depth = max(0, depth - 1)
            } else if c == "," && depth == 0 {
                pieces.append((current, start))
                current = ""
                start = index + 1
                continue
            }
            current.unicodeScalars.append(c)
        }
        pieces.append((current, start))
        return pieces
    }
}
