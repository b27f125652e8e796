import ArgumentParser
import SproutConfig

/// `sprout parse FILE`: what does my YAML mean? Prints the document as one line of JSON.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print a YAML file as JSON, as Sprout reads it (YAML 1.2 core schema).",
        discussion: "Exits 1 with compiler-style errors when the file is not valid YAML for Sprout."
    )

    @Argument(help: "The YAML file to read.")
    var file: String

    func run() throws {
        let document = YAMLAsJSON.read(path: file)
        DiagnosticOutput.print(document.diagnostics, source: document.source, file: file)
        guard let json = document.json else { throw ExitCode(1) }
        print(json)
    }
}
