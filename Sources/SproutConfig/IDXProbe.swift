/// Reads the headers of a pair of IDX files (the MNIST format: a big-endian magic number giving the element type
/// and the number of dimensions, then each dimension as a big-endian UInt32, then the elements), while validating.
/// Only unsigned bytes are accepted: images of 3 dimensions [N, rows, cols] (magic 0x00000803) and labels of 1
/// dimension [N] (magic 0x00000801). Each file's size must be exactly its header plus its elements, so a
/// truncated download is found before training. The labels are read whole to find the number of classes.
enum IDXProbe {
    static let imagesMagic: UInt32 = 0x0000_0803
    static let labelsMagic: UInt32 = 0x0000_0801

    /// What is wrong, and with which file (`images` or `labels`), to report it at that key.
    struct Problem: Error {
        var key: String
        var message: String
        var help: [String] = []
    }

    static func probe(images: String, labels: String, scale: Double) -> Result<IDXSource, Problem> {
        let imageShape: (count: Int, rows: Int, columns: Int)
        switch probeImages(images) {
        case .failure(let problem): return .failure(problem)
        case .success(let shape): imageShape = shape
        }
        let labelBytes: [UInt8]
        switch readLabels(labels) {
        case .failure(let problem): return .failure(problem)
        case .success(let bytes): labelBytes = bytes
        }
        guard labelBytes.count == imageShape.count else {
            return .failure(Problem(key: "labels", message: "\(name(labels)) holds \(labelBytes.count) labels, but \(name(images)) holds \(imageShape.count) images",
                                    help: ["the two files must describe the same examples, in the same order"]))
        }
        let classes = Int(labelBytes.max() ?? 0) + 1
        return .success(IDXSource(images: images, labels: labels, scale: scale, count: imageShape.count,
                                  rows: imageShape.rows, columns: imageShape.columns, classes: classes))
    }

    /// The shape of the images file, from its 16-byte header and its size.
    static func probeImages(_ path: String) -> Result<(count: Int, rows: Int, columns: Int), Problem> {
        let header: [UInt8], size: Int
        switch (DataFile.read(path, kind: "idx images file", prefix: 16), DataFile.size(of: path, kind: "idx images file")) {
        case (.failure(let problem), _), (_, .failure(let problem)):
            return .failure(Problem(key: "images", message: problem.message, help: problem.help))
        case (.success(let bytes), .success(let s)): (header, size) = (bytes, s)
        }
        guard header.count == 16, word(header, 0) == imagesMagic else {
            return .failure(Problem(key: "images", message: "\(name(path)) is not an IDX images file: \(magicText(header)), expected 0x00000803 (unsigned bytes, 3 dimensions)"))
        }
        let count = Int(word(header, 4)), rows = Int(word(header, 8)), columns = Int(word(header, 12))
        guard count > 0, rows > 0, columns > 0 else {
            return .failure(Problem(key: "images", message: "\(name(path)) holds \(count) images of \(rows)×\(columns): no pixels"))
        }
        // Each dimension is below 2^32, so the pixel count fits in 96 bits: multiply with overflow checks.
        let (pixels, o1) = count.multipliedReportingOverflow(by: rows)
        let (all, o2) = pixels.multipliedReportingOverflow(by: columns)
        let (expected, o3) = all.addingReportingOverflow(16)
        guard !o1, !o2, !o3, expected == size else {
            let bytes = (o1 || o2 || o3) ? "more than 2^63" : "\(expected)"
            return .failure(Problem(key: "images", message: "\(name(path)) is \(size) bytes, but its header (\(count) images of \(rows)×\(columns)) needs \(bytes)",
                                    help: ["the file may be truncated, or still compressed (.gz)"]))
        }
        return .success((count, rows, columns))
    }

    /// The label bytes, after checking the labels file's header and size.
    static func readLabels(_ path: String) -> Result<[UInt8], Problem> {
        let bytes: [UInt8]
        switch DataFile.read(path, kind: "idx labels file") {
        case .failure(let problem): return .failure(Problem(key: "labels", message: problem.message, help: problem.help))
        case .success(let b): bytes = b
        }
        guard bytes.count >= 8, word(bytes, 0) == labelsMagic else {
            return .failure(Problem(key: "labels", message: "\(name(path)) is not an IDX labels file: \(magicText(bytes)), expected 0x00000801 (unsigned bytes, 1 dimension)"))
        }
        let count = Int(word(bytes, 4))
        guard bytes.count == 8 + count else {
            return .failure(Problem(key: "labels", message: "\(name(path)) is \(bytes.count) bytes, but its header (\(count) labels) needs \(8 + count)",
                                    help: ["the file may be truncated, or still compressed (.gz)"]))
        }
        guard count > 0 else { return .failure(Problem(key: "labels", message: "\(name(path)) holds no labels")) }
        return .success(Array(bytes[8...]))
    }

    /// The big-endian UInt32 at `offset` (the caller checked there are 4 bytes).
    static func word(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func magicText(_ bytes: [UInt8]) -> String {
        guard bytes.count >= 4 else { return "only \(bytes.count) bytes" }
        let hex = String(word(bytes, 0), radix: 16)
        return "magic 0x" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    static func name(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}
