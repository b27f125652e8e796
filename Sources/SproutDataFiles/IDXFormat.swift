/// The IDX format (MNIST's, LeCun et al.): a big-endian magic number `0x0000TTDD` (TT the element type, DD the
/// number of dimensions), each dimension as a big-endian UInt32, then the elements, row-major. Sprout reads
/// unsigned bytes only (TT = 0x08): images of 3 dimensions [N, rows, cols] (magic 0x00000803) and labels of 1
/// dimension [N] (magic 0x00000801). A file's size must be exactly its header plus its elements, which finds a
/// truncated or still-gzipped download before anything is trained. The validator's probe and the engine's loader
/// check files with these same functions.
public enum IDXFormat {
    public static let imagesMagic: UInt32 = 0x0000_0803
    public static let labelsMagic: UInt32 = 0x0000_0801
    /// Magic and three dimensions.
    public static let imagesHeaderSize = 16
    /// Magic and one dimension.
    public static let labelsHeaderSize = 8

    public struct Failure: Error, Sendable, Equatable {
        /// A whole sentence starting with the file's name.
        public var message: String
        public var help: [String] = []
    }

    /// The shape an images file's header declares, checked against `fileSize`; `header` is the file's first
    /// bytes (at least 16 when the file has them).
    public static func imagesShape(header: [UInt8], fileSize: Int, name: String) throws(Failure)
        -> (count: Int, rows: Int, columns: Int) {
        guard header.count >= imagesHeaderSize, word(header, 0) == imagesMagic else {
            throw Failure(message: "\(name) is not an IDX images file: \(magicText(header)), expected 0x00000803 (unsigned bytes, 3 dimensions)")
        }
        let count = Int(word(header, 4)), rows = Int(word(header, 8)), columns = Int(word(header, 12))
        guard count > 0, rows > 0, columns > 0 else {
            throw Failure(message: "\(name) holds \(count) images of \(rows)×\(columns): no pixels")
        }
        // Each dimension is below 2^32, so the pixel count fits in 96 bits: multiply with overflow checks.
        let (pixels, o1) = count.multipliedReportingOverflow(by: rows)
        let (all, o2) = pixels.multipliedReportingOverflow(by: columns)
        let (expected, o3) = all.addingReportingOverflow(imagesHeaderSize)
        guard !o1, !o2, !o3, expected == fileSize else {
            let bytes = (o1 || o2 || o3) ? "more than 2^63" : "\(expected)"
            throw Failure(message: "\(name) is \(fileSize) bytes, but its header (\(count) images of \(rows)×\(columns)) needs \(bytes)",
                          help: ["the file may be truncated, or still compressed (.gz)"])
        }
        return (count, rows, columns)
    }

    /// The labels of a whole labels file, after checking its header and size.
    public static func labels(_ bytes: [UInt8], name: String) throws(Failure) -> ArraySlice<UInt8> {
        guard bytes.count >= labelsHeaderSize, word(bytes, 0) == labelsMagic else {
            throw Failure(message: "\(name) is not an IDX labels file: \(magicText(bytes)), expected 0x00000801 (unsigned bytes, 1 dimension)")
        }
        let count = Int(word(bytes, 4))
        guard bytes.count == labelsHeaderSize + count else {
            throw Failure(message: "\(name) is \(bytes.count) bytes, but its header (\(count) labels) needs \(labelsHeaderSize + count)",
                          help: ["the file may be truncated, or still compressed (.gz)"])
        }
        guard count > 0 else { throw Failure(message: "\(name) holds no labels") }
        return bytes[labelsHeaderSize...]
    }

    /// The labels and images must describe the same examples.
    public static func checkCounts(labels: Int, images: Int, labelsName: String, imagesName: String) throws(Failure) {
        guard labels == images else {
            throw Failure(message: "\(labelsName) holds \(labels) labels, but \(imagesName) holds \(images) images",
                          help: ["the two files must describe the same examples, in the same order"])
        }
    }

    /// The big-endian UInt32 at `offset` (the caller checked there are 4 bytes).
    static func word(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    static func magicText(_ bytes: [UInt8]) -> String {
        guard bytes.count >= 4 else { return "only \(bytes.count) bytes" }
        let hex = String(word(bytes, 0), radix: 16)
        return "magic 0x" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }
}
