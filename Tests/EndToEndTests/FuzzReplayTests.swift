import Foundation
import Testing

/// The fuzzer's replay build (SproutFuzz without `-DSPROUT_FUZZ`, built beside `sprout` by `swift build`): every
/// input of Fuzz/regressions/ goes through the function libFuzzer calls, `FuzzInput.run` (ConfigLoader.load(bytes:),
/// the renderer, ResolvedConfig's round trip), and must come out with its diagnostics, in time, not crash.
@Suite struct FuzzReplayTests {
    static var replay: String {
        URL(fileURLWithPath: SproutBinary.path).deletingLastPathComponent().appendingPathComponent("SproutFuzz").path
    }

    static var regressions: URL { SproutBinary.packageRoot.appendingPathComponent("Fuzz/regressions") }

    /// The regression inputs, every file of the folder but its README.
    static func regressionFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: regressions.path)) ?? []
        return names.filter { $0 != "README.md" && !$0.hasPrefix(".") }.sorted()
    }

    /// Each regression input replays in a process of its own, within a few seconds (a hang is a failure, not a stall),
    /// and its own private folder is gone afterwards.
    @Test(arguments: regressionFiles())
    func regressionInputReplays(_ name: String) throws {
        let temporary = try TemporaryDirectory()
        let file = Self.regressions.appendingPathComponent(name).path
        let result = try SproutBinary.run([file], timeout: 20, environment: ["TMPDIR": temporary.url.path],
                                          executable: Self.replay)
        #expect(result.status == 0, "\(name): \(result.stderr)")
        #expect(result.stdout.hasPrefix("==> \(file): "), "\(name): \(result.stdout)")
        #expect(result.seconds < 10, "\(name) took \(result.seconds) s")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path) == [])
    }

    @Test func theRegressionFolderIsNotEmpty() {
        #expect(Self.regressionFiles().count >= 5)
    }

    /// The replay tool prints what the fuzzer's function rendered: a corpus fixture's five diagnostics, each with its
    /// source line and caret, at the private folder's config/input.yaml; the example data files were copied there, so
    /// a config naming `data/fruit.csv` validates.
    @Test func replayPrintsTheRenderedDiagnostics() throws {
        let temporary = try TemporaryDirectory()
        let fixture = SproutBinary.packageRoot.appendingPathComponent("Tests/SproutConfigTests/Corpus/five-mistakes.yaml").path
        let example = SproutBinary.packageRoot.appendingPathComponent("configs/csv-example.yaml").path
        let result = try SproutBinary.run([fixture, example], timeout: 20, environment: ["TMPDIR": temporary.url.path],
                                          executable: Self.replay)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "==> \(fixture): 5 diagnostics")
        #expect(lines.count > 3 && lines[1].hasPrefix(temporary.url.path + "/sprout-fuzz."))
        #expect(lines.count > 3 && lines[1].hasSuffix("/config/input.yaml:2:30: error: 'samples' must be between 4 and 10000000, found 3 [out-of-range]"))
        #expect(lines.count > 3 && lines[2] == "data: {source: xor, samples: 3}")
        #expect(lines.count > 3 && lines[3] == "                             ^")
        #expect(lines.contains("help: did you mean 'cross_entropy'?"))
        #expect(lines.contains("==> \(example): 0 diagnostics"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path) == [])
    }

    /// Without arguments it says how it is used; a file it cannot read is an exit status of 1, after the others.
    @Test func usageAndUnreadableFiles() throws {
        let none = try SproutBinary.run([], timeout: 20, executable: Self.replay)
        #expect(none.status == 2)
        #expect(none.stderr.hasPrefix("usage: SproutFuzz FILE..."))
        let missing = try SproutBinary.run(["/nonexistent/input.yaml"], timeout: 20, executable: Self.replay)
        #expect(missing.status == 1)
        #expect(missing.stderr == "SproutFuzz: cannot read /nonexistent/input.yaml\n")
    }
}
