import Foundation
import SproutConfig
import SproutRuns
import SproutNN
import SproutShapes

/// The tables `sprout show` prints under the resolved config: one row per node (type, inputs, output shape,
/// parameter count), then one row per parameter tensor with its initializer resolved for its fans, from the engine's own
/// formulas (`Initializer.distribution`), so the numbers shown are the ones training starts from.
public enum ModelReport {
    public static func text(for model: ModelSpec) -> String {
        let shapes = model.shapes()
        var nodeRows = [["node", "type", "inputs", "shape", "parameters"]]
        var tensorRows = [["parameter", "shape", "initializer", "fan_in", "fan_out", "distribution"]]
        var total = 0.0
        for node in model.nodes {
            guard let input = model.inputShape(of: node, shapes: shapes), let shape = shapes[node.name] else { continue }
            let inputs = node.inputs.isEmpty ? "(data)" : node.inputs.joined(separator: ", ")
            let count = ModelSpec.parameterCount(node, input: input)
            total += count
            nodeRows.append([node.name, node.kind.typeName, inputs, shape.description, ResourceCount.text(count)])
            if let weights = WeightShapes(node.kind, input: input) {
                var groups = 1
                if case .conv2d(let conv) = node.kind { groups = conv.groups }
                tensorRows.append(tensorRow("\(node.name).weight", model.weightInit(for: node),
                                            InitializerTarget(shape: weights.weight, fanIn: weights.fanIn,
                                                              fanOut: weights.fanOut, groups: groups)))
                if let bias = weights.bias {
                    tensorRows.append(tensorRow("\(node.name).bias", model.biasInit(for: node),
                                                InitializerTarget(shape: bias, fanIn: weights.fanIn,
                                                                  fanOut: weights.fanOut, groups: groups)))
                }
            }
            switch node.kind {
            case .layerNorm(_, true), .batchNorm(_, _, true):
                // PyTorch starts a norm's affine weight at 1 and its bias at 0; layer_norm's are of its input's
                // shape, batch_norm's one per feature or, on an image, per channel (BatchNorm2d).
                var affine = input.dimensions
                if case .batchNorm = node.kind, case .image(let channels, _, _) = input { affine = [channels] }
                let width = affine.reduce(1, *)
                let target = InitializerTarget(shape: affine, fanIn: width, fanOut: width, groups: 1)
                tensorRows.append(tensorRow("\(node.name).weight", .ones, target))
                tensorRows.append(tensorRow("\(node.name).bias", .zeros, target))
            default:
                break
            }
        }
        nodeRows.append(["total", "", "", "", ResourceCount.text(total)])
        return table(nodeRows, rightAligned: [4]) + "\n\n" + table(tensorRows, rightAligned: [3, 4])
    }

    /// `[6, 1, 5, 5]`.
    static func dimensions(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

    static func tensorRow(_ name: String, _ spec: InitializerSpec, _ target: InitializerTarget) -> [String] {
        [name, dimensions(target.shape), spec.canonicalName, String(target.fanIn), String(target.fanOut),
         describe(spec, target: target)]
    }

    /// `U(-0.7071, 0.7071), std 0.4082`, `N(0, 0.5)`, `constant 0`: 4 significant digits.
    static func describe(_ distribution: ResolvedDistribution) -> String {
        switch distribution {
        case .constant(let value): return "constant \(short(value))"
        case .uniform(let low, let high):
            return "U(\(short(low)), \(short(high))), std \(short((high - low) / 12.0.squareRoot()))"
        case .normal(let mean, let std): return "N(\(short(mean)), std \(short(std)))"
        case .truncatedNormal(let mean, let std, let low, let high):
            return "N(\(short(mean)), std \(short(std))) in [\(short(low)), \(short(high))]"
        case .values(let values): return "\(values.count) given values"
        case .orthogonal(let gain): return "semi-orthogonal × \(short(gain))"
        case .identity(let gain): return "\(short(gain)) on the diagonal"
        case .sparse(let zeros, let std): return "N(0, std \(short(std))), \(zeros) zeros in each column"
        case .dirac(let groups): return groups == 1 ? "1 at each kernel's centre" : "1 at each kernel's centre, \(groups) groups"
        }
    }

    static func short(_ value: Double) -> String {
        guard value.isFinite else { return MetricsRow.format(value) }
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        let magnitude = abs(value)
        let decimals = magnitude >= 1 ? 4 : max(4, 3 - Int((log10(magnitude)).rounded(.down)))
        var text = String(format: "%.\(decimals)f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Columns padded to their widest cell; the listed columns right-aligned (numbers).
    public static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
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
