import Foundation
import Testing

/// The complete configs shown in docs/config.md (the ```yaml blocks with data, model and train at the top) are
/// valid: the reference cannot drift from the language without a test failing.
@Suite struct DocsExamplesTests {
    static func completeExamples() throws -> [String] {
        let text = try String(contentsOf: SproutBinary.packageRoot.appendingPathComponent("docs/config.md"), encoding: .utf8)
        var blocks: [String] = [], current: [String]? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if current == nil, line == "```yaml" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append((current ?? []).joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        let topKeys = ["data:", "model:", "train:"]
        return blocks.filter { block in topKeys.allSatisfy { key in block.split(separator: "\n").contains { $0.hasPrefix(key) } } }
    }

    @Test func everyCompleteExampleValidates() throws {
        let examples = try Self.completeExamples()
        #expect(examples.count >= 5, "docs/config.md should show complete configs")
        let scratch = try TemporaryDirectory()
        for (index, example) in examples.enumerated() {
            let file = try scratch.write("example\(index + 1).yaml", example)
            let result = try SproutBinary.run(["validate", file])
            #expect(result.status == 0, "docs/config.md example \(index + 1):\n\(example)\n\(result.stderr)")
        }
    }
}
