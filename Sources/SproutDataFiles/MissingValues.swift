/// What a CSV source does with a missing value (`missing:` in the language).
public enum MissingValuePolicy: Sendable, Hashable, Codable {
    /// The first missing value is an error naming its line and column.
    case error
    /// A row with a missing value in a column that is used (a feature or the target) is left out.
    case drop
    /// A missing feature becomes this value; a row whose target is missing is an error (a target is never
    /// invented).
    case fill(Double)
}

/// The texts read as a missing value: an empty field, and the markers pandas' `read_csv` reads as missing by
/// default that a person or a program commonly writes (`NA` from R, `NaN`/`nan` from NumPy, `null`, `None`,
/// `#N/A` from spreadsheets). Compared after the blanks around the field are dropped, case-sensitively.
public enum MissingValues {
    public static let markers = ["", "NA", "N/A", "n/a", "NaN", "nan", "-nan", "null", "NULL", "None", "#N/A", "<NA>"]

    private static let markerBytes: [[UInt8]] = markers.map { Array($0.utf8) }

    public static func isMissing(_ field: ArraySlice<UInt8>) -> Bool {
        guard field.count <= 4 else { return false }
        for marker in markerBytes where marker.count == field.count && marker.elementsEqual(field) { return true }
        return false
    }
}
