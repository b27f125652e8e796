/// `count` without the risk of a trap: the product of the dimensions checked for overflow.
extension FeatureShape {
    /// The values per example, or nil when a dimension is below 1 or `channels × height × width` overflows `Int`
    /// (`count` multiplies unchecked, which would trap on a hostile shape).
    public var checkedCount: Int? {
        var product = 1
        for dimension in dimensions {
            guard dimension > 0 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            product = next
        }
        return product
    }
}
