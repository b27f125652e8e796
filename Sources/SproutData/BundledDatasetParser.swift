/// Reads a bundled CSV text: a header line of column names (the last one the target), then one line per example,
/// fields separated by `,`, no quoting (the export script writes only plain numbers). Every feature is divided by
/// the dataset's divisor; every target must be a whole number below its class count.
enum BundledDatasetParser {
    static func parse(_ dataset: BundledDataset) -> Result<Dataset, BundledDatasetError> {
        Result { () throws(BundledDatasetError) in try parse(dataset.csv, dataset) }
    }

    static func parse(_ text: String, _ dataset: BundledDataset) throws(BundledDatasetError) -> Dataset {
        func failure(_ line: Int, _ problem: String) -> BundledDatasetError {
            BundledDatasetError(dataset: dataset.rawValue, line: line, problem: problem)
        }
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard let header = lines.first else { throw failure(1, "no header line") }
        let columns = header.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).count
        guard columns >= 2 else { throw failure(1, "needs at least one feature and the target") }
        let width = columns - 1, divisor = dataset.divisor
        var features: [Float] = [], labels: [Int32] = []
        features.reserveCapacity((lines.count - 1) * width)
        labels.reserveCapacity(lines.count - 1)
        for (offset, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            guard fields.count == columns else {
                throw failure(offset + 1, "\(fields.count) fields, the header has \(columns)")
            }
            for field in fields.dropLast() {
                guard let value = Float(String(decoding: field, as: UTF8.self)), value.isFinite else {
                    throw failure(offset + 1, "'\(String(decoding: field, as: UTF8.self))' is not a number")
                }
                features.append(value / divisor)
            }
            let target = String(decoding: fields[width], as: UTF8.self)
            guard let label = Int32(target), label >= 0, Int(label) < dataset.classCount else {
                throw failure(offset + 1, "target '\(target)' is not a class index below \(dataset.classCount)")
            }
            labels.append(label)
        }
        return Dataset(features: features, labels: labels, featureCount: width, classCount: dataset.classCount)
    }
}
