import SproutDataFiles
import SproutDiagnostics

/// Checks a pair of IDX files while validating: reads their headers with the engine's own checks (`IDXFormat`): the
/// images file only up to its 16-byte header (its size is checked against the header), the labels file whole, to
/// find the number of classes.
enum IDXFileCheck {
    /// What is wrong, and with which file (`images` or `labels`), to report it at that key.
    struct Problem: Error {
        /// `invalid-idx` for the files' contents, the file rule's id for a file itself.
        var id: DiagnosticID = .invalidIDX
        var key: String
        var message: String
        var help: [String] = []
    }

    static func check(images: String, labels: String, scale: Double) -> Result<IDXSource, Problem> {
        let imageShape: (count: Int, rows: Int, columns: Int)
        switch checkImages(images) {
        case .failure(let problem): return .failure(problem)
        case .success(let shape): imageShape = shape
        }
        let labelBytes: ArraySlice<UInt8>
        switch readLabels(labels) {
        case .failure(let problem): return .failure(problem)
        case .success(let bytes): labelBytes = bytes
        }
        do {
            try IDXFormat.checkCounts(labels: labelBytes.count, images: imageShape.count, labelsName: name(labels),
                                      imagesName: name(images))
        } catch {
            return .failure(Problem(key: "labels", message: error.message, help: error.help))
        }
        let classes = Int(labelBytes.max() ?? 0) + 1
        return .success(IDXSource(images: images, labels: labels, scale: scale, count: imageShape.count,
                                  rows: imageShape.rows, columns: imageShape.columns, classes: classes))
    }

    /// The shape of the images file, from its 16-byte header and its size.
    static func checkImages(_ path: String) -> Result<(count: Int, rows: Int, columns: Int), Problem> {
        let header: [UInt8], size: Int
        switch (DataFile.read(path, kind: "idx images file", prefix: IDXFormat.imagesHeaderSize),
                DataFile.size(of: path, kind: "idx images file")) {
        case (.failure(let problem), _), (_, .failure(let problem)):
            return .failure(Problem(id: problem.id, key: "images", message: problem.message, help: problem.help))
        case (.success(let bytes), .success(let s)): (header, size) = (bytes, s)
        }
        do {
            return .success(try IDXFormat.imagesShape(header: header, fileSize: size, name: name(path)))
        } catch {
            return .failure(Problem(key: "images", message: error.message, help: error.help))
        }
    }

    /// The label bytes, after checking the labels file's header and size.
    static func readLabels(_ path: String) -> Result<ArraySlice<UInt8>, Problem> {
        let bytes: [UInt8]
        switch DataFile.read(path, kind: "idx labels file") {
        case .failure(let problem): return .failure(Problem(id: problem.id, key: "labels", message: problem.message, help: problem.help))
        case .success(let b): bytes = b
        }
        do {
            return .success(try IDXFormat.labels(bytes, name: name(path)))
        } catch {
            return .failure(Problem(key: "labels", message: error.message, help: error.help))
        }
    }

    static func name(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}
