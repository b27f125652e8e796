/// What the loss rules need to know about a data source's targets.
extension DataSourceSpec {
    /// The name in the language (`data.source`).
    public var name: String {
        switch self {
        case .xor: return "xor"
        case .spirals: return "spirals"
        case .digits: return "digits"
        }
    }

    /// The number of classes when the targets are class labels; `nil` when they are regression targets (real
    /// numbers), which no source gives yet.
    public var targetClasses: Int? {
        switch self {
        case .xor, .spirals, .digits: return classCount
        }
    }
}
