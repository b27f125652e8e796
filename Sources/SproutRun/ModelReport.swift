import Foundation
import SproutConfig
import SproutNN

/// The tables `sprout show` prints under the resolved config: one row per node (type, inputs, width, parameter
/// count), then one row per parameter tensor with its initializer resolved for its fans, from the engine's own
/// formulas (`Initializer.distribution`), so the numbers shown are the ones training starts from.
public enum ModelReport {
    public static func text(for model: ModelSpec) -> String {
        var widths: [String: Int] = [:]
        var nodeRows = [["node", "type", "inputs", "width", "parameters"]]
        var tensorRows = [["parameter", "shape", "initializer", "fan_in", "fan_out", "distribution"]]
        var total = 0
        for node in model.nodes {
            let inputWidth = node.inputs.first.flatMap { widths[$0] } ?? model.inputWidth
            let inputs = node.inputs.isEmpty ? "(data)" : node.inputs.joined(separator: ", ")
            switch node.kind {
            case .dense(let units, let bias):
                widths[node.name] = units
                let count = units * inputWidth + (bias ? units : 0)
                total += count
                nodeRows.append([node.name, "dense", inputs, String(units), String(count)])
                let weight = node.weightInit ?? model.weightInit
                tensorRows.append(tensorRow("\(node.name).weight", "[\(units), \(inputWidth)]", weight,
                                            fanIn: inputWidth, fanOut: units))
                if bias {
                    tensorRows.append(tensorRow("\(node.name).bias", "[\(units)]", node.biasInit ?? model.biasInit,
                                                fanIn: inputWidth, fanOut: units))
                }
            case .activation(let kind):
                widths[node.name] = inputWidth
                nodeRows.append([node.name, kind.rawValue, inputs, String(inputWidth), "0"])
            }
        }
        nodeRows.append(["total", "", "", "", String(total)])
        return table(nodeRows, rightAligned: [3, 4]) + "\n\n" + table(tensorRows, rightAligned: [3, 4])
    }

    static func tensorRow(_ name: String, _ shape: String, _ spec: InitializerSpec, fanIn: Int, fanOut: Int) -> [String] {
        let distribution = NetworkBuilder.initializer(spec).distribution(fanIn: fanIn, fanOut: fanOut)
        return [name, shape, spec.canonicalName, String(fanIn), String(fanOut), describe(distribution)]
    }

    /// `U(-0.7071, 0.7071), std 0.4082`, `N(0, 0.5)`, `constant 0`: 4 significant digits.
    static func describe(_ distribution: ResolvedDistribution) -> String {
        switch distribution {
        case .constant(let value): return "constant \(short(value))"
        case .uniform(let low, let high):
            return "U(\(short(low)), \(short(high))), std \(short((high - low) / 12.0.squareRoot()))"
        case .normal(let mean, let std): return "N(\(short(mean)), std \(short(std)))"
        }
    }

    static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        let magnitude = abs(value)
        let decimals = magnitude >= 1 ? 4 : max(4, 3 - Int((log10(magnitude)).rounded(.down)))
        var text = String(format: "%.\(decimals)f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// Columns padded to their widest cell; the listed columns right-aligned (numbers).
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
