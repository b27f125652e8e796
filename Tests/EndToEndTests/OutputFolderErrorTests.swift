import Foundation
import Testing

/// `--out` where no folder can be made: one sentence with the path and the reason, exit 1, no error dump.
@Suite struct OutputFolderErrorTests {
    @Test func anOutputFolderBelowAFileIsOneSentence() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/x.yaml", BatchRunTests.config(epochs: 1))
        let file = try scratch.write("taken", "a file, not a folder\n")
        let result = try SproutBinary.run(["run", scratch.url.appendingPathComponent("configs").path, "--out",
                                           file + "/runs", "--quiet"], timeout: 120)
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot create \(file)/runs: Not a directory\n", "\(result.stderr)")
    }
}
