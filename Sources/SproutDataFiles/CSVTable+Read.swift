/// Reading a CSV file's bytes into a `CSVTable`: what the validator probes and the engine loads are one
/// function, so a file `sprout validate` accepts is exactly a file `sprout run` can train on.
///
/// Rules, in the order a file is read (the first problem in file order is reported):
/// - a header line is required; `target` names exactly one column; `features` (when given) names columns that
///   exist, once each, not the target; at least one feature.
/// - A row with more fields than the header is an error (the extra values belong to no column). A row with fewer
///   has its absent fields missing, and so does a field that is empty or a missing-value marker
///   (`MissingValues.markers`): with `missing: error` the first one is an error, `drop` leaves its row out, `fill`
///   replaces a missing feature by the fill value (a missing target stays an error). Only the columns used (the
///   features and the target) are read; other columns may hold anything.
/// - Every feature is a strict decimal number within float32 (`DecimalNumber`).
/// - Targets: all whole numbers 0 to 999 are class labels (largest + 1 classes); numbers otherwise are regression
///   targets; a target that is not a number makes the column one of class names (at most 1000 distinct texts).
/// - At least one row must remain.
extension CSVTable {
    public static func read(_ bytes: [UInt8], name: String, options: CSVOptions) throws(CSVError) -> CSVTable {
        if let problem = CSVText.problem(bytes) { throw CSVError(.file, "\(name) \(problem)") }
        var tokenizer = CSVTokenizer(bytes, delimiter: options.delimiter)
        var record = CSVRecord()
        func syntax(_ failure: CSVTokenizer.Failure) -> CSVError {
            let separator = options.delimiter == 0x09 ? "a tab" : "'\(Character(Unicode.Scalar(options.delimiter)))'"
            return CSVError(.file, "\(name): line \(failure.line) \(failure.reason)",
                            help: ["fields are separated by \(separator); a field holding it, a quote or a line break is "
                                   + "written in double quotes, with each quote doubled"])
        }
        func nextRecord() throws(CSVError) -> Bool {
            do throws(CSVTokenizer.Failure) {
                return try tokenizer.next(into: &record)
            } catch {
                throw syntax(error)
            }
        }
        guard try nextRecord() else {
            throw CSVError(.file, "\(name) is empty: it needs a header line naming the columns")
        }
        let header = (0..<record.count).map(record.text)
        let (targetColumn, featureColumns) = try columns(header, name: name, options: options)

        var builder = Builder(featureCount: featureColumns.count)
        let missing = options.missing
        var dropped = 0, filled = 0
        var row = [Float](repeating: 0, count: featureColumns.count)
        while try nextRecord() {
            if record.count > header.count {
                throw CSVError(.file, "\(name): line \(record.line) has \(record.count) fields, but the header has \(header.count)",
                               help: ["every row needs one value per column"])
            }
            func missingValue(_ column: Int) -> CSVError {
                let absent = column >= record.count
                let what = absent ? "has \(record.count) field\(record.count == 1 ? "" : "s"), but the header has \(header.count)"
                    : ", column '\(shown(header[column]))': missing value "
                        + (record[column].isEmpty ? "(an empty field)" : "('\(record.text(column))')")
                return CSVError(.file, "\(name): line \(record.line)\(absent ? " " : "")\(what)",
                                help: absent ? ["every row needs one value per column; or name a policy for missing values: "
                                                + "missing: drop (leave the row out) or missing: fill (with fill_value)"]
                                    : ["name a policy for missing values: missing: drop (leave the row out) or missing: fill "
                                       + "(with fill_value)"])
            }
            var skip = false
            for (k, column) in featureColumns.enumerated() {
                if column >= record.count || MissingValues.isMissing(record[column]) {
                    switch missing {
                    case .error: throw missingValue(column)
                    case .drop: skip = true
                    case .fill(let value): row[k] = Float(value); filled += 1
                    }
                    if skip { break }
                    continue
                }
                guard let value = DecimalNumber.parse(record[column]), let float = DecimalNumber.float(value) else {
                    throw CSVError(.file, "\(name): line \(record.line), column '\(shown(header[column]))': '\(shown(record.text(column), 40))' is not a number",
                                   help: ["Sprout reads plain decimal numbers within float32 (-1.5, 2e-3); not inf, "
                                          + "hexadecimal or thousands separators"])
                }
                row[k] = float
            }
            if !skip, targetColumn >= record.count || MissingValues.isMissing(record[targetColumn]) {
                switch missing {
                case .error: throw missingValue(targetColumn)
                case .drop: skip = true
                case .fill:
                    throw CSVError(.missing, "\(name): line \(record.line), column '\(shown(header[targetColumn]))': the target is missing, and fill_value fills features only",
                                   help: ["use missing: drop to leave rows without a target out"])
                }
            }
            if skip {
                dropped += 1
                continue
            }
            builder.append(features: row, target: record[targetColumn], line: record.line)
        }
        guard builder.rows > 0 else {
            throw CSVError(.file, dropped > 0 ? "\(name): every row has a missing value, so missing: drop leaves no example"
                                              : "\(name) has a header but no rows")
        }
        let targets = try builder.targets(name: name, column: shown(header[targetColumn]))
        return CSVTable(header: header, featureColumns: featureColumns, targetColumn: targetColumn, rows: builder.rows,
                        features: builder.features, targets: targets, droppedRows: dropped, filledValues: filled,
                        firstTextTarget: builder.firstText)
    }

    /// The target's column and the features' columns, checked against the header.
    static func columns(_ header: [String], name: String, options: CSVOptions) throws(CSVError) -> (Int, [Int]) {
        let matches = header.indices.filter { header[$0] == options.target }
        guard let targetColumn = matches.first else {
            var error = CSVError(.target, "\(name) has no column '\(shown(options.target))'")
            error.header = header
            throw error
        }
        guard matches.count == 1 else {
            throw CSVError(.target, "\(name) has \(matches.count) columns named '\(shown(options.target))'",
                           help: ["rename the others, so that the target is one column"])
        }
        guard let wanted = options.features else {
            guard header.count >= 2 else {
                throw CSVError(.target, "\(name) has no feature column besides the target '\(shown(options.target))'")
            }
            return (targetColumn, header.indices.filter { $0 != targetColumn })
        }
        var featureColumns: [Int] = []
        for feature in wanted {
            if feature == options.target {
                throw CSVError(.feature(feature), "'\(shown(feature))' is the target; it cannot be a feature too",
                               help: ["leave the target out of features"])
            }
            let found = header.indices.filter { header[$0] == feature }
            guard let column = found.first else {
                var error = CSVError(.feature(feature), "\(name) has no column '\(shown(feature))'")
                error.header = header
                throw error
            }
            guard found.count == 1 else {
                throw CSVError(.feature(feature), "\(name) has \(found.count) columns named '\(shown(feature))'",
                               help: ["rename the others, so that each feature is one column"])
            }
            guard !featureColumns.contains(column) else {
                throw CSVError(.feature(feature), "'\(shown(feature))' is listed twice in features")
            }
            featureColumns.append(column)
        }
        return (targetColumn, featureColumns)
    }

    /// A name or value as quoted in a message: cut to `limit` characters with `…`.
    public static func shown(_ text: String, _ limit: Int = 64) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}
