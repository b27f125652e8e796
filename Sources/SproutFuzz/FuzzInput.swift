import Foundation
import SproutConfig
import SproutDiagnostics

/// One fuzz input, config bytes to rendered diagnostics: what both builds of SproutFuzz run on every input (libFuzzer's
/// `LLVMFuzzerTestOneInput` in the fuzz build, `Replay` on files in the normal one).
///
/// The bytes go to `ConfigLoader.load(bytes:path:overrides:)` (libyaml, `extends`, the overrides, the decoders, the
/// rules, the data-file checks; `split`: a NUL separates the config from override arguments) as the file
/// `input.yaml` of a private folder (`FuzzWorkspace`); every diagnostic is rendered, plain and coloured, with
/// the input as its source, and every run of a valid config is written back as YAML (`ResolvedConfig`, what a run's
/// config.yaml holds). The property checked is that none of it crashes, traps, hangs or trips a sanitizer, and one
/// promise of `ResolvedConfig`: its text loads without error as one run, which it writes back as the same text
/// (a run's config.yaml must validate again: `sprout run` on a run directory's config, `sprout diff`). A broken
/// promise is a trap, so that libFuzzer keeps the input like any crash.
enum FuzzInput {
    /// The rendered diagnostics, each a block of lines (plain text), for the replay tool to print.
    @discardableResult
    static func run(_ bytes: [UInt8]) -> [String] {
        let path = FuzzWorkspace.shared.configPath
        let (config, overrides) = split(bytes)
        let result = ConfigLoader.load(bytes: config, path: path, overrides: overrides)
        var plain = DiagnosticRenderer()
        for (file, text) in result.sources { plain.addSource(text, for: file) }
        plain.addSource(result.source, for: result.path)
        var colored = plain
        colored.colored = true
        var rendered: [String] = []
        for diagnostic in result.diagnostics {
            rendered.append(plain.render(diagnostic))
            _ = colored.render(diagnostic)
        }
        if let merged = result.merged { _ = ConfigOrigins.text(merged) }
        for spec in result.runs {
            let text = ResolvedConfig.yaml(spec)
            let again = ConfigLoader.load(bytes: Array(text.utf8), path: path)
            guard !again.hasErrors, again.runs.count == 1, ResolvedConfig.yaml(again.runs[0]) == text else {
                fatalError("ResolvedConfig's text does not load back as itself:\n\(text)---\n"
                           + again.diagnostics.map(\.headline).joined(separator: "\n") + "\n---\n"
                           + again.runs.map(ResolvedConfig.yaml).joined(separator: "---\n"))
            }
        }
        return rendered
    }
}

extension FuzzInput {
    /// The input as a config and command-line overrides: the bytes before the first NUL are the config (a NUL is
    /// never valid in one); each NUL-separated piece after it is an override argument, as the command line would
    /// hand it over (`ConfigOverride.looksLikeOverride` or not: the parser must cope with any), read with `--sweep`
    /// when the config's length is odd. Without a NUL, the whole input is the config and there are no overrides.
    static func split(_ bytes: [UInt8]) -> (config: [UInt8], overrides: ConfigOverrides) {
        guard let nul = bytes.firstIndex(of: 0) else { return (bytes, .none) }
        let arguments = bytes[(nul + 1)...].split(separator: 0, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        return (Array(bytes[..<nul]), ConfigOverrides(arguments: arguments, sweep: nul % 2 == 1))
    }
}

#if SPROUT_FUZZ
/// libFuzzer's entry: called once per input with bytes it owns (copied here, as the loader takes an array).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzInput.run(bytes)
    return 0
}

/// libFuzzer's start-up hook: the private folder is made before the first input, so that its cost and its
/// messages are not those of an input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    _ = FuzzWorkspace.shared
    return 0
}
#endif
