import Foundation
import SproutTestSupport
import Testing

/// `sprout validate` and `sprout run` on configs with mistakes, through the built binary.
@Suite struct ValidateCommandTests {
    @Test func shippedConfigsValidateWithoutErrors() throws {
        let configs = SproutBinary.packageRoot.appendingPathComponent("configs").path
        let result = try SproutBinary.run(["validate", configs])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("error:"))
        #expect(result.stderr.contains("validated "))
    }

    static let fiveMistakes = MarkedText("""
        name: five
        seed: 1️⃣-3
        data:
          source: xor
          2️⃣noize: 0.1
        model:
          layers:
            - name: hidden
              type: 3️⃣dence
              units: 8
            - tanh
            - {name: out, type: dense, units: 2}
        train:
          loss: cross_entropy
          optimizer: {type: sgd, lr: 4️⃣0, momentum: 0.9}
          epochs: 100
          batch_size: 5️⃣0

        """)

    @Test func fiveMistakesFiveDiagnostics() throws {
        let scratch = try TemporaryDirectory()
        let input = Self.fiveMistakes
        let file = try scratch.write("five.yaml", input.text)
        let result = try SproutBinary.run(["validate", file])
        #expect(result.status == 1)
        let headlines = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        #expect(headlines == [
            "\(input.location(1, in: file)): error: 'seed' must be at least 0, found -3 [out-of-range]",
            "\(input.location(2, in: file)): error: unknown key 'noize' in data source 'xor' [unknown-key]",
            "\(input.location(3, in: file)): error: unknown layer type 'dence' [unknown-choice]",
            "\(input.location(4, in: file)): error: 'lr' must be greater than 0, found 0 [out-of-range]",
            "\(input.location(5, in: file)): error: 'batch_size' must be between 1 and 10000000, found 0 [out-of-range]",
        ])
        #expect(result.stderr.contains("help: did you mean 'noise'?"))
        #expect(result.stderr.contains("help: did you mean 'dense'?"))
        #expect(result.stderr.hasSuffix("validated 1 file: 5 errors, 0 warnings\n"))
    }

    /// The whole rendered message: headline, the source line, a caret under the column, the help.
    @Test func wholeMessageWithCaret() throws {
        let scratch = try TemporaryDirectory()
        let input = MarkedText("""
            data: {source: xor}
            model:
              layers: [{type: dense, units: 2}]
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, 1️⃣epoch: 3}

            """)
        let file = try scratch.write("epoch.yaml", input.text)
        let result = try SproutBinary.run(["validate", file])
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(file):4:8: error: train is missing the required key 'epochs' [missing-key]
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epoch: 3}
                   ^
            \(input.location(1, in: file)): error: unknown key 'epoch' in train [unknown-key]
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epoch: 3}
                                                                          ^
            help: did you mean 'epochs'?
            validated 1 file: 2 errors, 0 warnings

            """)
    }

    @Test func runSkipsAnInvalidConfigButRunsTheOthers() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/a-bad.yaml", "data: {source: xor}\nmodel: {layers: [relu]}\ntrain: {}\n")
        let good = try String(contentsOf: SproutBinary.packageRoot.appendingPathComponent("configs/xor.yaml"),
                              encoding: .utf8).replacingOccurrences(of: "epochs: 100", with: "epochs: 5")
        try scratch.write("configs/b-good.yaml", good)
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", scratch.url.appendingPathComponent("configs").path,
                                           "--out", runs, "--quiet"], timeout: 120)
        #expect(result.status == 1)
        #expect(result.stderr.contains("a-bad.yaml: not run: the config has errors"))
        #expect(FileManager.default.fileExists(atPath: runs + "/xor/metrics.csv"))
        #expect(result.stdout.contains("1 run: 1 completed, 1 config invalid"))
    }

    @Test func missingPathIsAnError() throws {
        let result = try SproutBinary.run(["validate", "/nonexistent/dir"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("/nonexistent/dir: error: no such file or directory [bad-config-path]\n"))
    }

    /// A `*.yaml` symbolic link in a configs folder that leads nowhere (its target missing, or links in a loop) is a
    /// config the user meant to have: reported, not skipped; the folder's other configs still validate and run.
    @Test func aBrokenConfigLinkIsReported() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/xor.yaml", BatchRunTests.config())
        let folder = scratch.url.appendingPathComponent("configs").path
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling.yaml", withDestinationPath: "missing.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder + "/loop.yaml", withDestinationPath: "loop.yaml")
        let result = try SproutBinary.run(["validate", folder])
        #expect(result.status == 1)
        #expect(result.stderr.contains("dangling.yaml: error: a symbolic link that leads to no file: its target 'missing.yaml' does not exist [bad-config-path]"),
                "\(result.stderr)")
        #expect(result.stderr.contains("loop.yaml: error: a symbolic link that leads to no file: it loops"), "\(result.stderr)")
        #expect(result.stderr.contains("validated 1 file"))
        let run = try SproutBinary.run(["run", folder, "--out", scratch.url.appendingPathComponent("runs").path, "--quiet"])
        #expect(run.status == 1)
        #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("runs/xor/run.json").path))
    }

    /// configs/ validates --strict: every warning there is the point of its experiment and listed in its
    /// `expect_warnings`. Removing the acknowledgement from a copy brings the warnings back (and --strict fails); an
    /// acknowledgement that matches nothing is itself a warning; an error's id cannot be acknowledged.
    @Test func expectedWarningsAreAcknowledgedAndOnlyThose() throws {
        let configs = SproutBinary.packageRoot.appendingPathComponent("configs")
        let shipped = try SproutBinary.run(["validate", configs.path, "--strict"])
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect(!shipped.stderr.contains("warning:"))
        #expect(shipped.stderr.contains("0 warnings ("), "\(shipped.stderr)")

        let scratch = try TemporaryDirectory()
        let original = try String(contentsOf: configs.appendingPathComponent("symmetry/init-sweep.yaml"), encoding: .utf8)
        let without = original.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("expect_warnings:") }.joined(separator: "\n")
        #expect(without != original)
        let bare = try SproutBinary.run(["validate", try scratch.write("bare.yaml", without), "--strict"])
        #expect(bare.status == 1)
        #expect(bare.stderr.contains("[symmetric-init]"), "\(bare.stderr)")

        let stale = try SproutBinary.run(["validate", try scratch.write("stale.yaml", "expect_warnings: [shared-seed]\n" + without)])
        #expect(stale.status == 0)
        #expect(stale.stderr.contains("stale.yaml:1:19: warning: expect_warnings lists 'shared-seed', but the config gives no such warning [unmatched-expectation]"),
                "\(stale.stderr)")
        let error = try SproutBinary.run(["validate", try scratch.write("error.yaml", "expect_warnings: [invalid-csv]\n" + without)])
        #expect(error.status == 1)
        #expect(error.stderr.contains("error.yaml:1:19: error: 'invalid-csv' is an error's rule id: only warnings can be expected"),
                "\(error.stderr)")
    }

    /// On a terminal diagnostics are coloured as compilers colour theirs; CLICOLOR_FORCE asks for it through a file
    /// too, NO_COLOR (no-color.org) overrides it, and a file or pipe without either stays plain.
    @Test func diagnosticsAreColouredOnlyWhenWanted() throws {
        let scratch = try TemporaryDirectory()
        let config = try scratch.write("bad.yaml", "data: {source: xor, normalize: true}\n")
        // `swift test` runs with NO_COLOR=1, which the child inherits: emptied here (no-color.org: an empty NO_COLOR
        // does not count).
        let forced = try SproutBinary.run(["validate", config], environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": ""])
        let escape = "\u{1B}["
        #expect(forced.stderr.contains(escape + "1;31merror:" + escape + "0m"), "\(forced.stderr)")
        #expect(forced.stderr.contains(escape + "1;32m^" + escape + "0m"))
        #expect(forced.stderr.contains(escape + "1;36mhelp:" + escape + "0m write one of: none, standardize, minmax"))
        let refused = try SproutBinary.run(["validate", config], environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"])
        #expect(!refused.stderr.contains(escape) && refused.stderr.contains("error: 'normalize' must be a string"))
        let plain = try SproutBinary.run(["validate", config], environment: ["NO_COLOR": ""])
        #expect(!plain.stderr.contains(escape))
    }
}
