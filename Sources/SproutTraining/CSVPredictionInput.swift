import SproutDataFiles
import SproutRuns

/// A mistake in the data given to `sprout predict`, as one sentence starting with the file's name (and line).
package struct PredictionInputError: Error, CustomStringConvertible {
    package var description: String
}

/// A CSV file of any size as rows for `Predictor`, streamed (`CSVStream`): the header's columns matched to the
/// model's features by name, in any order; then each row's feature cells read as strict decimal numbers
/// (`DecimalNumber`, as training reads them, rounded to float32 the same way).
///
/// Columns the training file had beside its features (the target's among them: model.json's `other_columns`) are
/// ignored, so the training file itself can be given; any other column is an error unless `ignoreExtra`, since a
/// column the model never saw suggests a file of another layout. A missing feature, a repeated one, a row of the
/// wrong length, an empty or missing-value cell and a cell that is not a number are errors naming the line.
package struct CSVPredictionInput {
    let path: String
    /// The path as the user wrote it, for messages.
    let shown: String
    let delimiter: UInt8
    let ignoreExtra: Bool

    package init(path: String, delimiter: UInt8, ignoreExtra: Bool) {
        (self.path, self.shown, self.delimiter, self.ignoreExtra) = (path, path, delimiter, ignoreExtra)
    }

    private func failure(_ message: String) -> PredictionInputError { PredictionInputError(description: message) }

    /// Reads every row into `predictor`, then finishes it.
    package func run(_ predictor: Predictor) throws {
        try read(model: predictor.description, header: { _ in try predictor.start() }) { _, _, fill in
            try predictor.appendRow(fill)
        }
        try predictor.finish()
    }

    /// Streams the file: the header's columns matched to `model`'s features, `header` told the header (what it
    /// returns, `extra`, goes with every row: `sprout evaluate` finds its target column there), then `row` called
    /// for each record with a `fill` that writes its features, as float32 in the model's order, into a buffer.
    package func read<Extra>(model: ModelDescription, header extra: ([String]) throws -> Extra,
                             row: (CSVRecord, Extra, (UnsafeMutableBufferPointer<Float>) throws -> Void) throws -> Void) throws {
        let stream: CSVStream
        do { stream = try CSVStream(path: path, delimiter: delimiter) } catch {
            throw failure("cannot read \(shown): \(error.reason)")
        }
        var record = CSVRecord()
        guard try next(stream, &record) else { throw failure("\(shown) is empty: it has no header line") }
        let header = (0..<record.count).map(record.text)
        let columns = try self.columns(header, model: model)
        let extraValue = try extra(header)
        while try next(stream, &record) {
            guard record.count == header.count else {
                throw failure("\(shown):\(record.line): \(record.count) fields, but the header has \(header.count)")
            }
            try row(record, extraValue) { features in
                for j in columns.indices { features[j] = try value(record, columns[j], name: header[columns[j]]) }
            }
        }
    }

    private func next(_ stream: CSVStream, _ record: inout CSVRecord) throws -> Bool {
        do { return try stream.next(into: &record) } catch {
            throw failure(error.line.map { "\(shown):\($0): line \($0) \(error.reason)" } ?? "cannot read \(shown): \(error.reason)")
        }
    }

    /// The header index of each feature, in the model's order.
    func columns(_ header: [String], model: ModelDescription) throws -> [Int] {
        let features = model.input.features
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            guard index.updateValue(position, forKey: name) == nil || !features.contains(name) else {
                throw failure("\(shown): column '\(name)' appears twice in the header, so which one is the feature is unclear")
            }
        }
        if let missing = features.first(where: { index[$0] == nil }) {
            throw failure("\(shown): no column '\(missing)', one of the model's \(features.count) features "
                          + "(the header must name them all; their order does not matter)")
        }
        let known = Set(features).union(model.input.otherColumns)
        if !ignoreExtra, let extra = header.first(where: { !known.contains($0) }) {
            throw failure("\(shown): column '\(extra)' is neither one of the model's features nor a column of its "
                          + "training data; remove it, or pass --ignore-extra-columns")
        }
        return features.compactMap { index[$0] }
    }

    /// A feature cell as float32, or the error naming its line and column.
    func value(_ record: CSVRecord, _ column: Int, name: String) throws -> Float {
        let field = record[column]
        if let number = DecimalNumber.parse(field), let value = DecimalNumber.float(number) { return value }
        // The message, built only on the way out (a string per cell would be most of the time taken).
        let location = "\(shown):\(record.line): column '\(name)'"
        if MissingValues.isMissing(field) {
            throw failure("\(location): " + (field.isEmpty ? "the cell is empty" : "'\(record.text(column))' marks a missing value")
                          + "; predict needs every feature")
        }
        guard let number = DecimalNumber.parse(field) else {
            throw failure("\(location): '\(record.text(column))' is not a number")
        }
        guard let value = DecimalNumber.float(number) else {
            throw failure("\(location): '\(record.text(column))' is beyond float32's range")
        }
        return value
    }
}
