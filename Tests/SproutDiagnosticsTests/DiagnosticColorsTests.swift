import SproutDiagnostics
import Testing

/// When diagnostics are coloured, and what a coloured one looks like (escapes written out by hand).
@Suite struct DiagnosticColorsTests {
    @Test func colourIsWantedOnATerminalUnlessNoColorAndAlwaysWhenForced() {
        #expect(DiagnosticColors.wanted(environment: [:], isTerminal: true))
        #expect(!DiagnosticColors.wanted(environment: [:], isTerminal: false))
        #expect(!DiagnosticColors.wanted(environment: ["TERM": "dumb"], isTerminal: true))
        // no-color.org: NO_COLOR counts when it is not empty.
        #expect(!DiagnosticColors.wanted(environment: ["NO_COLOR": "1"], isTerminal: true))
        #expect(DiagnosticColors.wanted(environment: ["NO_COLOR": ""], isTerminal: true))
        #expect(DiagnosticColors.wanted(environment: ["CLICOLOR_FORCE": "1"], isTerminal: false))
        #expect(!DiagnosticColors.wanted(environment: ["CLICOLOR_FORCE": "0"], isTerminal: false))
        #expect(!DiagnosticColors.wanted(environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"], isTerminal: true))
    }

    @Test func aColouredDiagnostic() {
        var renderer = DiagnosticRenderer()
        renderer.colored = true
        renderer.addSource("a: 1\nb: x\n", for: "t.yaml")
        let diagnostic = Diagnostic(.typeMismatch, "'b' must be a number, found a string",
                                    at: SourceLocation(file: "t.yaml", line: 2, column: 4), help: ["write a number"])
        let e = "\u{1B}["
        #expect(renderer.render(diagnostic) == """
            \(e)1mt.yaml:2:4: \(e)0m\(e)1;31merror:\(e)0m \(e)1m'b' must be a number, found a string\(e)0m [type-mismatch]
            b: x
               \(e)1;32m^\(e)0m
            \(e)1;36mhelp:\(e)0m write a number
            """)
    }
}
