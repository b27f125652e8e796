import ArgumentParser
import SproutConfig

/// A command line's configs and overrides, told apart (`ConfigOverride.looksLikeOverride`: `key.path=value`,
/// `+key=value`, `~key`; a path never looks like one, since a key holds no `/`), as `run`, `status`, `validate` and
/// `show` take them: `sprout run configs/xor.yaml train.optimizer.lr=0.01`.
struct ConfigArguments {
    var paths: [String]
    var overrides: ConfigOverrides

    /// Splits `arguments`; a mistake in the overrides themselves is printed, pointing into `<arguments>`, and ends
    /// the command (exit 1) before any config is read.
    init(_ arguments: [String], sweep: Bool) throws {
        paths = arguments.filter { !ConfigOverride.looksLikeOverride($0) }
        overrides = ConfigOverrides(arguments: arguments.filter(ConfigOverride.looksLikeOverride), sweep: sweep)
        if overrides.hasErrors {
            DiagnosticOutput.print(overrides.diagnostics, sources: [ConfigOverrides.file: overrides.source])
            throw ExitCode(1)
        }
    }
}
