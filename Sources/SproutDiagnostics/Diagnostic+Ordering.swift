extension Array where Element == Diagnostic {
    /// In file order, as a reader scans the file: diagnostics without a location (about the whole file) first,
    /// then by file, line and column; equal positions keep the order they were found in.
    public var sortedByLocation: [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (let x?, let y?) where x != y: return x < y
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}
