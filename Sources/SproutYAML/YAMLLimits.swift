/// Bounds on a YAML input, because libyaml 0.2.5 has none of its own: it reads any size, nests without limit (and is
/// quadratic on deep flow nesting), and leaves alias expansion to the caller ("billion laughs").
///
/// The defaults are far above what any experiment config needs (a large config is a few hundred lines, a few levels
/// deep, with a few hundred nodes) and far below what would hurt: each limit is checked before the work it guards.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest accepted input, checked before parsing (and, for files, from the file size before reading it).
    /// Default 4 MiB: a thousand times a large config, small enough to parse in milliseconds.
    public var maxFileBytes: Int
    /// Deepest accepted nesting of collections; the top-level mapping is level 1. Checked on every sequence or
    /// mapping start and on every alias expansion. Default 64: configs use fewer than 10 levels, and consumers
    /// (decoders, the JSON printer) recurse over the tree, so the depth must stay small.
    public var maxDepth: Int
    /// Most nodes (scalars, sequences, mappings, mapping keys included) in the document, counting every node an
    /// alias expansion produces. Checked before an alias is expanded, so a huge expansion is refused before any copy.
    /// Default 100 000: a thousand times a large config; the 9-level "billion laughs" file asks for about 10^9.
    public var maxNodes: Int

    public init(maxFileBytes: Int = 4 << 20, maxDepth: Int = 64, maxNodes: Int = 100_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    /// 4 MiB, 64 levels, 100 000 nodes.
    public static let `default` = YAMLLimits()
}
