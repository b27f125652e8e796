import ArgumentParser
import SproutConfig

/// `sprout schema`: the experiment language as JSON Schema draft-07, for editors' YAML language servers.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of Sprout's experiment files.",
        discussion: "schemas/experiment.schema.json is this output, committed; configs point at it with a "
            + "`# yaml-language-server: $schema=...` modeline."
    )

    func run() throws {
        print(JSONSchemaWriter.experimentSchema().pretty())
    }
}
