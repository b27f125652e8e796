import SproutDiagnostics
import SproutYAML

/// The nodes with a sliding window: conv2d, max_pool2d, avg_pool2d. Settings that contradict each other whatever
/// the input (`same` with a stride, a pool's padding past half its kernel) are reported here, at the setting;
/// what depends on the input's shape (a window larger than the image, groups that do not divide the channels) is
/// GraphRules+Shapes' once the shapes are known.
extension LayerDecoder {
    static func decodeWindowed(_ type: String, _ p: SectionReader, into spec: inout LayerSpec,
                               _ diagnostics: DiagnosticCollector) -> LayerKind? {
        let kernel = p.pair("kernel_size")
        // Average pooling has no dilation (nor a `dilation` key): its taps are next to each other.
        let dilation = type == "avg_pool2d" ? AxisPair(1, 1) : p.pair("dilation")
        switch type {
        case "conv2d":
            let filters = p.integer("filters"), stride = p.pair("stride"), groups = p.integer("groups")
            let bias = p.boolean("bias"), padding = convolutionPadding(p, diagnostics)
            let initializersOK = decodeInitializers(p, bias: bias, into: &spec, diagnostics)
            guard let filters, let kernel, let stride, let padding, let dilation, let groups, let bias, initializersOK
            else { return nil }
            if padding == .same, stride != AxisPair(1, 1), let node = p["padding"] {
                diagnostics.report(.inapplicableSetting, "padding 'same' needs stride 1, found stride \(stride.text)",
                                   at: node.location, help: [sameStrideHelp(kernel: kernel, dilation: dilation)])
                return nil
            }
            return .conv2d(ConvolutionSpec(filters: filters, kernel: kernel, stride: stride, padding: padding,
                                           dilation: dilation, groups: groups, bias: bias))
        default:
            // The stride defaults to the kernel (PyTorch's stride=None).
            let stride = p["stride"] == nil ? kernel : p.pair("stride")
            let padding = p.pair("padding")
            let countIncludePad = type == "avg_pool2d" ? p.boolean("count_include_pad") : true
            guard let kernel, let stride, let padding, let dilation, let countIncludePad else { return nil }
            let pooling = PoolingSpec(kernel: kernel, stride: stride, padding: padding, dilation: dilation)
            let window = pooling.window
            let most = AxisPair(window.maximumPoolPadding.height, window.maximumPoolPadding.width)
            if !window.poolPaddingFits, let node = p["padding"] {
                diagnostics.report(.paddingTooLarge,
                                   "\(type)'s padding \(padding.text) is more than half its \(kernel.size) kernel",
                                   at: node.location,
                                   help: ["use padding at most \(most.text): half the kernel, rounded down, as PyTorch requires"
                                          + (dilation == AxisPair(1, 1) ? "" : " (dilation does not count)")])
                return nil
            }
            return type == "max_pool2d" ? .maxPool2d(pooling) : .avgPool2d(pooling, countIncludePad: countIncludePad)
        }
    }

    /// The numbers that do what `same` does with stride 1: `dilation · (kernel - 1) / 2` on each side, per axis
    /// (`[2, 1]` for a [5, 3] kernel), when that total is even on both axes; an even total (an even kernel) has no
    /// symmetric padding that keeps the size.
    static func sameStrideHelp(kernel: AxisPair, dilation: AxisPair) -> String {
        let total = AxisPair(dilation.height * (kernel.height - 1), dilation.width * (kernel.width - 1))
        guard total.height % 2 == 0, total.width % 2 == 0 else {
            return "give the padding as numbers, or use stride 1 (an even kernel needs one more zero after than before to keep the size)"
        }
        return "give the padding as numbers (padding: \(AxisPair(total.height / 2, total.width / 2).text) keeps the size with stride 1), or use stride 1"
    }

    /// `padding`: a pair of numbers, `valid` (0) or `same`.
    static func convolutionPadding(_ p: SectionReader, _ diagnostics: DiagnosticCollector) -> ConvolutionPadding? {
        guard let node = p["padding"] else { return .zeros(AxisPair(0, 0)) }
        if case .scalar(let scalar) = node.kind, case .string(let word) = scalar.value {
            switch word {
            case "same": return .same
            case "valid": return .zeros(AxisPair(0, 0))
            default:
                diagnostics.report(.unknownChoice, "unknown padding '\(Suggestions.display(word))'", at: node.location,
                                   help: [Suggestions.help(for: word, among: ["same", "valid"], kind: "choices"),
                                          "or give the zeros added on each side: padding: 1, or [1, 2]"])
                return nil
            }
        }
        return p.pair("padding").map { .zeros($0) }
    }
}
