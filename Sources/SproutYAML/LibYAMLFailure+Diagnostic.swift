import SproutDiagnostics

extension LibYAMLFailure {
    /// libyaml's own words and marks as a diagnostic (`yaml-syntax`): the problem text at the problem mark, the
    /// context ("while parsing a block mapping") as a note located at the context's start, and a help line for a tab.
    ///
    /// libyaml reports a tab used for indentation as "found character that cannot start any token" (a tab at the
    /// start of a line) or "found a tab character that violates indentation"; neither says what to do, so when the
    /// problem mark is on a tab we add that YAML forbids tabs for indentation.
    func diagnostic(in source: SourceText) -> Diagnostic {
        let location: SourceLocation
        var message = problem
        switch stage {
        case .reader:
            // The reader reports a byte offset; `problemValue` is the offending character or byte.
            location = source.location(ofByteOffset: problemOffset)
            if problemValue >= 0 { message += " (0x\(String(problemValue, radix: 16, uppercase: true)))" }
        case .scanner, .parser, .memory:
            location = problemMark.location(in: source.file)
        }
        var notes: [Diagnostic.Note] = []
        if let context, let contextMark {
            notes.append(Diagnostic.Note("\(context) that starts here", at: contextMark.location(in: source.file)))
        }
        var help: [String] = []
        if stage != .reader, source.scalar(at: problemMark) == "\t" {
            help.append("YAML forbids tabs for indentation; indent with spaces")
        } else if stage == .parser || stage == .scanner {
            help += indentationHelp(in: source)
        }
        return Diagnostic(.yamlSyntax, message, at: location, notes: notes, help: help)
    }
}
