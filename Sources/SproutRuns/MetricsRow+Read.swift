import Foundation

extension MetricsRow {
    /// The last complete row of a metrics.csv (one that ends with a line break and has every column), read from
    /// the file's last 64 KiB, so that settling a killed run costs the same whatever its length. Nil when the file
    /// is missing or holds no row yet.
    package static func lastRecorded(in path: String) -> MetricsRow? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return nil }
        let tail: UInt64 = 64 * 1024
        guard (try? handle.seek(toOffset: size > tail ? size - tail : 0)) != nil,
              let data = try? handle.readToEnd() else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // Whatever follows the last line break is a row cut short by the kill.
        let complete = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in complete.reversed() {
            if let row = parse(line) { return row }
        }
        return nil
    }

    /// Every complete row of a metrics.csv, in file order; empty when the file cannot be read.
    package static func all(in path: String) -> [MetricsRow] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        // A row without its line break is one a killed run did not finish.
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().compactMap(parse)
    }

    /// `epoch, step, learning_rate, train_loss, train_accuracy, val_loss, val_accuracy, grad_norm, seconds`, as
    /// `fields` writes them; nil for the header or anything else.
    static func parse(_ line: Substring) -> MetricsRow? {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard cells.count == columns.count, let epoch = Int(cells[0]), let step = Int(cells[1]),
              let rate = Double(cells[2]), let loss = Double(cells[3]), let seconds = Double(cells[8]) else { return nil }
        return MetricsRow(epoch: epoch, step: step, learningRate: rate, trainLoss: loss, trainAccuracy: Double(cells[4]),
                          validationLoss: Double(cells[5]), validationAccuracy: Double(cells[6]),
                          gradientNorm: Double(cells[7]), seconds: seconds)
    }
}
