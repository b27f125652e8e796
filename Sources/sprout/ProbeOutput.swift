import ArgumentParser
import Foundation
import SproutConfig
import SproutRuns
import SproutTraining

/// `sprout show --probe`: picks the run (a sweep's first, or `--variant`), probes it (`InitProbe`) and prints a
/// header saying what was measured, then one row per executed node (docs/inspecting.md).
enum ProbeOutput {
    static func run(file: String, runs: [ExperimentSpec], variant: String?) throws {
        guard let spec = try pick(runs, variant: variant) else { return }
        let probe: InitProbe
        do {
            probe = try InitProbe.run(spec)
        } catch {
            DiagnosticOutput.printError("\(file): error: not probed: \(error)")
            throw ExitCode(1)
        }
        print(header(file: file, spec: spec, runs: runs, probe: probe).joined(separator: "\n"))
        print("")
        print(table(probe))
    }

    /// The run to probe: the only one, a sweep's first, or the one `--variant` names (exit 64 when it names none).
    static func pick(_ runs: [ExperimentSpec], variant: String?) throws -> ExperimentSpec? {
        guard let variant else { return runs.first }
        guard let chosen = runs.first(where: { $0.variant == variant }) else {
            let names = runs.compactMap(\.variant)
            DiagnosticOutput.printError(names.isEmpty
                ? "error: --variant '\(variant)': the config has no sweep"
                : "error: --variant '\(variant)' is not one of the sweep's runs: \(names.joined(separator: ", "))")
            throw ExitCode(64)
        }
        return chosen
    }

    static func header(file: String, spec: ExperimentSpec, runs: [ExperimentSpec], probe: InitProbe) -> [String] {
        var lines = ["probe of \(file) at initialization: one forward and one backward pass on the diagnostic "
                     + "sample, no update"]
        if runs.count > 1, let index = runs.firstIndex(where: { $0.variant == spec.variant }) {
            let which = index == 0 ? "the first; --variant NAME picks another" : "chosen by --variant"
            let names = runs.compactMap(\.variant)
            let listed = names.prefix(10).joined(separator: ", ") + (names.count > 10 ? ", … (\(names.count - 10) more)" : "")
            lines.append("run: \(spec.runPath), run \(index + 1) of the sweep's \(runs.count) (\(which)): \(listed)")
        } else {
            lines.append("run: \(spec.runPath)")
        }
        let count = probe.examples.count
        let shown = probe.examples.prefix(8).map(String.init).joined(separator: ", ")
            + (count > 8 ? ", … (\(count - 8) more)" : "")
        let sample = count == probe.trainingExamples
            ? "all \(count) training examples (every one, as there are at most \(InitProbe.maximumSampleSize))"
            : "\(count) of the \(probe.trainingExamples) training examples, "
                + (probe.stratified ? "stratified by class" : "a random draw")
                + " (stream `\(InitProbe.sampleStreamKey)`, seed \(spec.seed))"
        lines.append("sample: \(sample), which layers.csv measures every epoch: \(shown)")
        lines.append("mode: evaluation, as layers.csv measures (no dropout; batch_norm on its running statistics, at "
                     + "initialization mean 0 and variance 1)")
        lines.append("input: mean \(number(probe.input.mean)), std \(number(probe.input.std)) "
                     + "(all \(count) × \(spec.model.inputWidth) values)")
        lines.append("loss: \(probe.lossName) \(number(probe.loss)), the mean over the \(count) examples; "
                     + "dL/d output (\(spec.model.output)): std \(number(probe.outputGradient.std))")
        lines.append("signal: an act_std below \(number(InitProbe.vanishingRatio)) × the input's std is vanishing, above "
                     + "\(number(InitProbe.explodingRatio)) × exploding; a grad_std likewise against dL/d output's std")
        return lines
    }

    static func table(_ probe: InitProbe) -> String {
        var rows = [["node", "type", "width", "act_mean", "act_std", "grad_std", "weight_grad_std", "signal"]]
        for row in probe.rows {
            var signals: [String] = []
            if let signal = row.activationSignal { signals.append("activation \(signal.rawValue)") }
            if let signal = row.gradientSignal { signals.append("gradient \(signal.rawValue)") }
            rows.append([row.node, row.type, String(row.width), number(row.activationMean), number(row.activationStd),
                         row.gradientStd.map(number) ?? "—", row.weightGradientStd.map(number) ?? "—",
                         signals.joined(separator: ", ")])
        }
        return ModelReport.table(rows, rightAligned: [2, 3, 4, 5, 6])
    }

    /// 4 significant digits (`%.4g`: `0.5`, `1.234e-05`, `0`), `nan` and `inf` as C prints them.
    static func number(_ value: Double) -> String { String(format: "%.4g", value) }
}
