import SproutDataFiles
import SproutDiagnostics
import SproutYAML

/// The file sources, `csv` and `idx`: their paths resolved against the config file's folder and the files checked
/// (`CSVFileCheck`, `IDXFileCheck`, results kept by `FileCheckCache`), each problem reported at the key it is about.
enum DataFileRules {
    static func csv(_ p: SectionReader, at node: Node, into diagnostics: DiagnosticCollector) -> DataSourceSpec? {
        let pathNode = p.value("path"), written = pathNode == nil ? nil : p.string("path")
        let targetNode = p.value("target"), target = targetNode == nil ? nil : p.string("target")
        let delimiter = p.character("delimiter"), header = p.boolean("header")
        let featuresNode = p["features"]
        // nil: every column but the target; a list that does not read stops the source (featuresRead false).
        let features = featuresNode.flatMap { decodeFeatures($0, into: diagnostics) }
        let featuresRead = featuresNode == nil || features != nil
        let missing = decodeMissing(p, into: diagnostics)
        if header == false, let headerNode = p["header"] {
            diagnostics.report(.notSupported, "csv files without a header line are not supported yet", at: headerNode.location,
                               help: ["add a first line naming the columns, and name the target column in 'target'"])
            return nil
        }
        guard let pathNode, let written, let targetNode, let target, let delimiter, header == true,
              featuresRead, let missing else { return nil }
        let path = DataFile.resolve(written, relativeTo: node.location.file)
        let options = CSVOptions(delimiter: delimiter, target: target, features: features, missing: missing)
        let checked = FileCheckCache.value(paths: [path], options: "csv \(options)") {
            CSVFileCheck.check(path: path, options: options).map { DataSourceSpec.csv($0) }
        }
        switch checked {
        case .failure(let problem):
            let at: Node
            switch problem.subject {
            case .file: at = pathNode
            case .target: at = targetNode
            case .feature(let name):
                at = featuresNode?.sequenceItems?.first { $0.scalar?.text == name } ?? featuresNode ?? pathNode
            case .missing: at = p["missing"] ?? pathNode
            }
            diagnostics.report(problem.id, problem.message, at: at.location, help: problem.help)
            return nil
        case .success(let source):
            return source
        }
    }

    /// `features: [a, b]`: a list of column names (at least one).
    static func decodeFeatures(_ node: Node, into diagnostics: DiagnosticCollector) -> [String]? {
        guard let items = node.sequenceItems else {
            diagnostics.report(.typeMismatch, "'features' must be a list of column names, found \(node.kindDescription)",
                               at: node.location, help: ["write features: [a, b], or leave it out to use every column but the target"])
            return nil
        }
        guard !items.isEmpty else {
            diagnostics.report(.emptyList, "'features' is empty", at: node.location,
                               help: ["list at least one column, or leave features out to use every column but the target"])
            return nil
        }
        let names = items.compactMap { diagnostics.string($0, "features") }
        return names.count == items.count ? names : nil
    }

    /// `missing` and `fill_value`; a fill_value without `missing: fill` would do nothing, so it is a warning.
    static func decodeMissing(_ p: SectionReader, into diagnostics: DiagnosticCollector) -> MissingValuePolicy? {
        let word = p.choice("missing", as: MissingWord.self), fill = p.number("fill_value")
        guard let word, let fill else { return nil }
        if word != .fill, let fillNode = p["fill_value"] {
            diagnostics.report(.ignoredSetting, "fill_value is used only with missing: fill", at: fillNode.location,
                               help: ["add missing: fill, or leave fill_value out"])
        }
        switch word {
        case .error: return .error
        case .drop: return .drop
        case .fill: return .fill(fill)
        }
    }

    /// The words of `missing`.
    enum MissingWord: String {
        case error, drop, fill
    }

    static func idx(_ p: SectionReader, at node: Node, into diagnostics: DiagnosticCollector) -> DataSourceSpec? {
        let imagesNode = p.value("images"), images = imagesNode == nil ? nil : p.string("images")
        let labelsNode = p.value("labels"), labels = labelsNode == nil ? nil : p.string("labels")
        let scale = p.number("scale")
        guard let imagesNode, let images, let labelsNode, let labels, let scale else { return nil }
        let file = node.location.file
        let imagesPath = DataFile.resolve(images, relativeTo: file), labelsPath = DataFile.resolve(labels, relativeTo: file)
        let checked = FileCheckCache.value(paths: [imagesPath, labelsPath], options: "idx scale \(scale)") {
            IDXFileCheck.check(images: imagesPath, labels: labelsPath, scale: scale).map { DataSourceSpec.idx($0) }
        }
        switch checked {
        case .failure(let problem):
            diagnostics.report(problem.id, problem.message, at: (problem.key == "images" ? imagesNode : labelsNode).location,
                               help: problem.help)
            return nil
        case .success(let source):
            return source
        }
    }
}
