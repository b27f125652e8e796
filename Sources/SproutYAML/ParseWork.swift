/// The work one parse did, counted as it goes, so that tests bound it by the input's size instead of timing it (a
/// timed test is a benchmark, and `make bench` is where Sprout measures speed). Read through
/// `TreeBuilder.buildCounting`; nothing outside the tests looks at it.
///
/// Every counter is bounded by the limits, not by the input: parsing stops at the first fatal problem (too deep, too
/// many nodes, an alias too large), so a hostile input costs at most what `YAMLLimits` allows.
struct ParseWork: Sendable, Equatable {
    /// libyaml events consumed, stream and document events included.
    var events = 0
    /// Nodes counted against `YAMLLimits.maxNodes` (an alias counts its whole subtree).
    var nodes = 0
    /// Aliases expanded (each priced against `maxNodes` before its subtree is copied).
    var aliasExpansions = 0
    /// Comparisons of mapping keys with the keys before them in their mapping (`MappingBuilder`), for the duplicate
    /// key check: linear in the number of keys.
    var keyComparisons = 0
}
