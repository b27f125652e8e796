import SproutDataFiles

/// A CSV file as a `Dataset`: read once (`RawFile`), parsed by the validator's own reader (`CSVTable.read`, whose
/// rules are in its doc comment), so the engine loads exactly what `sprout validate` checked.
///
/// Targets: whole numbers 0 to 999 are class labels; a column of text becomes classes numbered in the byte order
/// of the distinct texts, their names kept as `Dataset.classNames`; other numbers are regression targets (one per
/// example, `targetWidth` 1).
public enum CSVDataset {
    public static func load(path: String, options: CSVOptions) throws(DataFileError) -> Dataset {
        let bytes: [UInt8]
        do {
            bytes = try RawFile.read(path)
        } catch {
            throw DataFileError(path: path, reason: error.reason)
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let table: CSVTable
        do {
            table = try CSVTable.read(bytes, name: name, options: options)
        } catch {
            throw DataFileError(path: path, reason: error.message)
        }
        return dataset(table)
    }

    /// The table's features and targets as a dataset.
    public static func dataset(_ table: CSVTable) -> Dataset {
        switch table.targets {
        case .classes(let labels, let count):
            return Dataset(features: table.features, labels: labels, featureCount: table.featureCount, classCount: count)
        case .names(let labels, let names):
            return Dataset(features: table.features, labels: labels, featureCount: table.featureCount,
                           classCount: names.count, classNames: names)
        case .values(let values):
            return Dataset(features: table.features, targets: values, featureCount: table.featureCount, targetWidth: 1)
        }
    }
}
