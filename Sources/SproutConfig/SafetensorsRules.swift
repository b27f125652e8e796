import SproutShapes
import Foundation
import SproutDiagnostics
import SproutYAML

/// The safetensors initializer: the file must exist (its path resolved against the config file's folder, and
/// named so in the error) and have a readable header; once the graph's widths are known, each parameter it fills
/// must be in the file, as F32, of the parameter's shape ([units, inputs] for a weight, [units] for a bias).
enum SafetensorsRules {
    static func decode(_ p: SectionReader, at node: Node, into diagnostics: DiagnosticCollector) -> InitializerSpec? {
        guard let pathNode = p.value("path"), let written = p.string("path") else { return nil }
        let tensor = p["tensor"] == nil ? nil : p.string("tensor")
        if p["tensor"] != nil && tensor == nil { return nil }
        let path = resolve(written, relativeTo: node.location.file)
        guard FileManager.default.fileExists(atPath: path) else {
            diagnostics.report(.fileNotFound, "safetensors file '\(path)' does not exist", at: pathNode.location,
                               help: ["a relative path is read from the config file's folder"])
            return nil
        }
        // A FIFO or a device would block or never end: only a regular file is read.
        guard (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular else {
            diagnostics.report(.unreadableFile, "safetensors file '\(path)' is not a regular file", at: pathNode.location)
            return nil
        }
        switch SafetensorsHeader.read(path: path) {
        case .failure(let error):
            diagnostics.report(.invalidSafetensors, "cannot read safetensors file '\(path)': \(error.reason)", at: pathNode.location)
            return nil
        case .success(let header):
            return .safetensors(SafetensorsSource(path: path, tensor: tensor, location: node.location, header: header))
        }
    }

    /// `written` as an absolute, standardized path: unchanged when absolute, else under the config file's folder.
    static func resolve(_ written: String, relativeTo configFile: String) -> String {
        DataFile.resolve(written, relativeTo: configFile)
    }

    /// Checks every dense and conv2d parameter whose initializer is a safetensors file against the file's header.
    /// Without a known input (`inputKnown` false), the nodes that read the data are not checked.
    static func check(_ model: ModelSpec, shapes: [String: FeatureShape], inputKnown: Bool = true,
                      into diagnostics: DiagnosticCollector) {
        for node in model.nodes where inputKnown || !node.inputs.isEmpty {
            guard let input = model.inputShape(of: node, shapes: shapes),
                  let parameters = WeightShapes(node.kind, input: input) else { continue }
            let origin = flattenOrigin(of: node, in: model, shapes: shapes)
            check(model.weightInit(for: node), parameter: "\(node.name).weight", shape: parameters.weight, origin: origin,
                  into: diagnostics)
            if let bias = parameters.bias {
                check(model.biasInit(for: node), parameter: "\(node.name).bias", shape: bias, into: diagnostics)
            }
        }
    }

    /// When a dense layer reads a flatten, the note that says where its inputs come from ("'flatten1' gives 400 =
    /// [16, 5, 5] features"): a weight saved for another image size is the usual cause of a wrong width.
    static func flattenOrigin(of node: LayerSpec, in model: ModelSpec,
                              shapes: [String: FeatureShape]) -> Diagnostic.Note? {
        guard let input = node.inputs.first, let source = model.nodes.first(where: { $0.name == input }),
              source.kind == .flatten, let image = model.inputShape(of: source, shapes: shapes) else { return nil }
        return Diagnostic.Note("'\(input)' flattens \(image.description) into \(image.count) features", at: source.location)
    }

    static func check(_ spec: InitializerSpec, parameter: String, shape: [Int], origin: Diagnostic.Note? = nil,
                      into diagnostics: DiagnosticCollector) {
        guard case .safetensors(let source) = spec, let header = source.header else { return }
        let name = source.tensor ?? parameter
        let file = URL(fileURLWithPath: source.path).lastPathComponent
        guard let tensor = header.tensors[name] else {
            diagnostics.report(.missingTensor, "\(file) has no tensor '\(Suggestions.display(name))' for \(parameter)", at: source.location,
                               help: [Suggestions.help(for: name, among: header.tensors.keys.sorted(), kind: "tensors")])
            return
        }
        if tensor.shape != shape {
            diagnostics.report(.tensorShapeMismatch, "tensor '\(name)' in \(file) has shape \(tensor.shape), but \(parameter) is \(shape)",
                               at: source.location, notes: origin.map { [$0] } ?? [],
                               help: ["a dense weight is [units, inputs], a conv2d weight [filters, channels/groups, kh, kw] and a bias [units or filters], as in PyTorch's state_dict"])
        }
        if tensor.dtype != "F32" {
            diagnostics.report(.unsupportedDType, "tensor '\(name)' in \(file) is \(tensor.dtype), but Sprout reads only F32",
                               at: source.location, help: ["convert it with tensor.float() before saving"])
        }
    }
}
