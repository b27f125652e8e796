import Foundation
import SproutData
import SproutDataFiles
import Testing

/// The engine's loaders on small files the tests write: an IDX round trip, damaged IDX files, and a CSV file
/// whose text targets become named classes.
@Suite struct FileDatasetTests {
    /// A fresh folder, removed by the caller's `defer`.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// An IDX file of unsigned bytes: the magic 0x0000080<dims>, each dimension big-endian, then `body`.
    static func idx(_ dimensions: [UInt32], _ body: [UInt8], magic: UInt8 = 0x08) -> Data {
        var bytes: [UInt8] = [0, 0, magic, UInt8(dimensions.count)]
        for d in dimensions { bytes += [UInt8(d >> 24), UInt8((d >> 16) & 0xFF), UInt8((d >> 8) & 0xFF), UInt8(d & 0xFF)] }
        return Data(bytes + body)
    }

    /// 3 images of 2×3 pixels 0, 1, …, 17 (row by row) and labels 2, 0, 1: features are the bytes over the
    /// scale, `Float(b) / Float(scale)` (so 51/255 = 0.2 exactly as a float32 division, and b/2 exact halves).
    @Test func idxRoundTrip() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = folder.appendingPathComponent("i.idx"), labels = folder.appendingPathComponent("l.idx")
        try Self.idx([3, 2, 3], (0..<18).map(UInt8.init)).write(to: images)
        try Self.idx([3], [2, 0, 1]).write(to: labels)
        let data = try IDXDataset.load(images: images.path, labels: labels.path, scale: 2)
        #expect(data.count == 3 && data.featureCount == 6 && data.classCount == 3)
        #expect(data.labels == [2, 0, 1])
        #expect(data.features == (0..<18).map { Float($0) / 2 })
        try Self.idx([1, 1, 1], [51]).write(to: images)
        try Self.idx([1], [0]).write(to: labels)
        let scaled = try IDXDataset.load(images: images.path, labels: labels.path, scale: 255)
        #expect(scaled.features == [Float(51) / Float(255)])
        #expect(scaled.classCount == 1)
    }

    @Test func truncatedAndMislabelledIDXAreRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = folder.appendingPathComponent("i.idx"), labels = folder.appendingPathComponent("l.idx")
        try Self.idx([2], [0, 1]).write(to: labels)
        // 2 images of 2×2 need 16 + 8 bytes; 7 pixel bytes make 23.
        try Self.idx([2, 2, 2], Array(repeating: 9, count: 7)).write(to: images)
        #expect(throws: DataFileError(path: images.path, reason: "i.idx is 23 bytes, but its header (2 images of 2×2) needs 24")) {
            try IDXDataset.load(images: images.path, labels: labels.path, scale: 255)
        }
        // The labels file given as images: its magic says 1 dimension.
        #expect(throws: DataFileError(path: labels.path, reason: "l.idx is not an IDX images file: magic 0x00000801, expected 0x00000803 (unsigned bytes, 3 dimensions)")) {
            try IDXDataset.load(images: labels.path, labels: labels.path, scale: 255)
        }
        // A gzip file (magic 1f 8b) given as labels.
        try Data([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0]).write(to: labels)
        #expect(throws: DataFileError(path: labels.path, reason: "l.idx is not an IDX labels file: magic 0x1f8b0800, expected 0x00000801 (unsigned bytes, 1 dimension)")) {
            try IDXDataset.load(images: images.path, labels: labels.path, scale: 255)
        }
        // Counts that disagree: 3 labels, 2 images.
        try Self.idx([2, 2, 2], Array(repeating: 9, count: 8)).write(to: images)
        try Self.idx([3], [0, 1, 1]).write(to: labels)
        #expect(throws: DataFileError(path: images.path, reason: "l.idx holds 3 labels, but i.idx holds 2 images")) {
            try IDXDataset.load(images: images.path, labels: labels.path, scale: 255)
        }
        #expect(throws: DataFileError(path: folder.path + "/none", reason: "No such file or directory")) {
            try IDXDataset.load(images: images.path, labels: folder.path + "/none", scale: 255)
        }
    }

    @Test func csvTextTargetsKeepTheirNames() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("d.csv").path
        try Data("a,b,kind\n1,2,cat\n3,4,ant\n5,6,cat\n".utf8).write(to: URL(fileURLWithPath: path))
        let data = try CSVDataset.load(path: path, options: CSVOptions(delimiter: 0x2C, target: "kind"))
        #expect(data.classNames == ["ant", "cat"] && data.labels == [1, 0, 1] && data.classCount == 2)
        #expect(data.features == [1, 2, 3, 4, 5, 6])
        // Regression targets: one per example.
        try Data("a,y\n1,0.5\n2,-1.5\n".utf8).write(to: URL(fileURLWithPath: path))
        let regression = try CSVDataset.load(path: path, options: CSVOptions(delimiter: 0x2C, target: "y"))
        #expect(regression.isRegression && regression.targetWidth == 1 && regression.targets == [0.5, -1.5])
        #expect(regression.count == 2 && regression.labels.isEmpty)
    }
}
