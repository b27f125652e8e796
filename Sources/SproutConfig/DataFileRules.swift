import SproutDiagnostics
import SproutYAML

/// The file sources, `csv` and `idx`: their paths resolved against the config file's folder and the files probed
/// (`CSVProbe`, `IDXProbe`), each problem reported at the key it is about.
enum DataFileRules {
    static func csv(_ p: SectionReader, at node: Node, into diagnostics: DiagnosticCollector) -> DataSourceSpec? {
        let pathNode = p.value("path"), written = pathNode == nil ? nil : p.string("path")
        let targetNode = p.value("target"), target = targetNode == nil ? nil : p.string("target")
        let delimiter = p.character("delimiter"), header = p.boolean("header")
        if header == false, let headerNode = p["header"] {
            diagnostics.error("csv files without a header line are not supported yet", at: headerNode.location,
                              help: ["add a first line naming the columns, and name the target column in 'target'"])
            return nil
        }
        guard let pathNode, let written, let targetNode, let target, let delimiter, header == true else { return nil }
        let path = DataFile.resolve(written, relativeTo: node.location.file)
        switch CSVProbe.probe(path: path, target: target, delimiter: delimiter) {
        case .failure(let problem):
            diagnostics.error(problem.message, at: (problem.aboutTarget ? targetNode : pathNode).location,
                              help: problem.help)
            return nil
        case .success(let source):
            return .csv(source)
        }
    }

    static func idx(_ p: SectionReader, at node: Node, into diagnostics: DiagnosticCollector) -> DataSourceSpec? {
        let imagesNode = p.value("images"), images = imagesNode == nil ? nil : p.string("images")
        let labelsNode = p.value("labels"), labels = labelsNode == nil ? nil : p.string("labels")
        let scale = p.number("scale")
        guard let imagesNode, let images, let labelsNode, let labels, let scale else { return nil }
        let file = node.location.file
        switch IDXProbe.probe(images: DataFile.resolve(images, relativeTo: file),
                              labels: DataFile.resolve(labels, relativeTo: file), scale: scale) {
        case .failure(let problem):
            diagnostics.error(problem.message, at: (problem.key == "images" ? imagesNode : labelsNode).location,
                              help: problem.help)
            return nil
        case .success(let source):
            return .idx(source)
        }
    }
}
