import SproutDiagnostics

/// Turns libyaml's events into one `Node` tree, enforcing the limits as it goes.
///
/// - Structure comes from an explicit stack of open collections (no recursion, so no stack overflow whatever the
///   input); the depth limit is checked on every collection start and every alias expansion.
/// - Every node produced counts against `maxNodes`, and an alias counts its whole subtree, checked before the copy.
/// - Problems that leave the parse in a sound state (a duplicate key, a bad tag, an overflowing number, an
///   undefined alias) are collected so one pass reports them all; problems that end the parse (syntax, limits,
///   a second document) stop it at once, and are reported after the ones collected before.
struct TreeBuilder {
    private let source: SourceText
    private let limits: YAMLLimits
    private var diagnostics: [Diagnostic] = []
    private var anchors = AnchorTable()
    private var nodeCount = 0
    private var open: [OpenCollection] = []
    private var root: BuiltNode?
    private var documentCount = 0
    /// Where a value was replaced by a placeholder scalar after a diagnostic (bad scalar, undefined alias).
    private var placeholders: [SourceLocation] = []
    private var work = ParseWork()

    private struct OpenCollection {
        var location: SourceLocation
        var anchor: String?
        /// Set for a mapping; a sequence collects `items`.
        var mapping: MappingBuilder?
        var items: [BuiltNode] = []
        /// The collection's tag was refused; it ends as a placeholder.
        var badTag = false
    }

    /// Parses `source` into a tree whose top level is a mapping.
    static func build(_ source: SourceText, limits: YAMLLimits) throws(DiagnosticError) -> Node {
        let (root, diagnostics, _) = buildCollecting(source, limits: limits)
        guard let root, diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return root
    }

    /// Parses `source` and returns every diagnostic, in file order, together with the tree when the parse went to
    /// the end and the top level is a mapping. The tree may come with recoverable problems (a duplicate key keeps
    /// its first value; a bad tag, an overflowing number or an undefined alias becomes a placeholder scalar at the
    /// problem's own location), so a caller can go on and check the rest of the document.
    static func buildCollecting(
        _ source: SourceText, limits: YAMLLimits
    ) -> (root: Node?, diagnostics: [Diagnostic], placeholders: [SourceLocation]) {
        let (root, diagnostics, placeholders, _) = buildCounting(source, limits: limits)
        return (root, diagnostics, placeholders)
    }

    /// `buildCollecting`, with the work the parse did (`ParseWork`), for tests that bound it by the input's size.
    static func buildCounting(
        _ source: SourceText, limits: YAMLLimits
    ) -> (root: Node?, diagnostics: [Diagnostic], placeholders: [SourceLocation], work: ParseWork) {
        var builder = TreeBuilder(source: source, limits: limits)
        let stream = LibYAMLEventStream(bytes: source.bytes)
        do {
            while try builder.handle(stream.next()) {}
        } catch {
            builder.diagnostics.append(error.diagnostic)
            return (nil, builder.diagnostics.sortedByLocation, [], builder.finalWork)
        }
        // No document at all: an empty file, or only comments and blank lines.
        guard let root = builder.root else {
            return (nil, (builder.diagnostics + [YAMLMessages.emptyFile(file: source.file)]).sortedByLocation, [],
                    builder.finalWork)
        }
        guard root.node.mappingEntries != nil else {
            if !root.isPlaceholder {
                builder.diagnostics.append(
                    YAMLMessages.topLevelNotMapping(found: root.node.kindDescription, at: root.node.location))
            }
            return (nil, builder.diagnostics.sortedByLocation, [], builder.finalWork)
        }
        return (root.node, builder.diagnostics.sortedByLocation, builder.placeholders, builder.finalWork)
    }

    /// The work counted so far, with the nodes counted against `maxNodes` and the key comparisons of the mappings
    /// still open (a parse that stopped early leaves some).
    private var finalWork: ParseWork {
        var total = work
        total.nodes = nodeCount
        total.keyComparisons += open.reduce(0) { $0 + ($1.mapping?.keyComparisons ?? 0) }
        return total
    }

    private init(source: SourceText, limits: YAMLLimits) {
        self.source = source
        self.limits = limits
    }

    /// Why the parse stops: a libyaml failure or a fatal diagnostic of ours.
    private enum Stop: Error {
        case libyaml(LibYAMLFailure, SourceText)
        case fatal(Diagnostic)

        var diagnostic: Diagnostic {
            switch self {
            case .libyaml(let failure, let source): return failure.diagnostic(in: source)
            case .fatal(let diagnostic): return diagnostic
            }
        }
    }

    /// Handles one event; `false` once the stream ended.
    private mutating func handle(_ next: @autoclosure () throws(LibYAMLFailure) -> YAMLEvent) throws(Stop) -> Bool {
        let event: YAMLEvent
        do { event = try next() } catch { throw .libyaml(error, source) }
        work.events += 1
        let location = event.start.location(in: source.file)
        switch event.kind {
        case .streamStart, .documentEnd:
            break
        case .streamEnd:
            return false
        case .documentStart:
            documentCount += 1
            if documentCount > 1 { throw .fatal(YAMLMessages.severalDocuments(at: location)) }
        case .scalar(let text, let isPlain):
            try count(at: location)
            let (value, problem) = ScalarResolver.value(of: text, isPlain: isPlain, tag: event.tag, at: location)
            if let problem {
                diagnostics.append(problem)
                placeholders.append(location)
            }
            let scalar = Scalar(text: text, style: isPlain ? .plain : .quoted, value: value)
            let node = BuiltNode(node: Node(.scalar(scalar), at: location), size: 1, height: 0, site: location)
            finish(node, anchor: event.anchor, wasOpen: false)
        case .alias(let name):
            try expandAlias(name, at: location)
        case .sequenceStart, .mappingStart:
            let isMapping = if case .mappingStart = event.kind { true } else { false }
            guard open.count < limits.maxDepth else { throw .fatal(YAMLMessages.tooDeep(limit: limits.maxDepth, at: location)) }
            try count(at: location)
            let tagProblem = ScalarResolver.checkCollectionTag(event.tag, isMapping: isMapping, at: location)
            if let tagProblem { diagnostics.append(tagProblem) }
            if let anchor = event.anchor { anchors.begin(anchor) }
            open.append(
                OpenCollection(
                    location: location, anchor: event.anchor,
                    mapping: isMapping ? MappingBuilder() : nil, badTag: tagProblem != nil))
        case .sequenceEnd, .mappingEnd:
            guard let collection = open.popLast() else { break }
            work.keyComparisons += collection.mapping?.keyComparisons ?? 0
            let node: BuiltNode
            if let mapping = collection.mapping {
                node = mapping.finish(at: collection.location)
            } else {
                let items = collection.items
                node = BuiltNode(
                    node: Node(.sequence(items.map(\.node)), at: collection.location),
                    size: items.reduce(1) { $0 + $1.size },
                    height: 1 + (items.map(\.height).max() ?? 0),
                    site: collection.location)
            }
            // A collection under a tag Sprout does not know has no meaning it could guess: like a scalar with a
            // bad tag, it becomes a placeholder (after its own contents were checked).
            finish(collection.badTag ? placeholder(at: collection.location) : node, anchor: collection.anchor,
                   wasOpen: true)
        }
        return true
    }

    /// Counts one new node against `maxNodes`.
    private mutating func count(at location: SourceLocation) throws(Stop) {
        guard nodeCount < limits.maxNodes else {
            throw .fatal(YAMLMessages.tooManyNodes(limit: limits.maxNodes, at: location))
        }
        nodeCount += 1
    }

    /// Copies an anchored node, after checking that its whole subtree fits the node and depth limits.
    private mutating func expandAlias(_ name: String, at location: SourceLocation) throws(Stop) {
        switch anchors.lookup(name) {
        case .found(var target):
            guard target.size <= limits.maxNodes - nodeCount else {
                throw .fatal(YAMLMessages.aliasTooLarge(name: name, limit: limits.maxNodes, at: location))
            }
            guard open.count + target.height <= limits.maxDepth else {
                throw .fatal(YAMLMessages.tooDeep(limit: limits.maxDepth, at: location))
            }
            nodeCount += target.size
            work.aliasExpansions += 1
            target.site = location
            finish(target, anchor: nil, wasOpen: false)
        case .recursive:
            diagnostics.append(YAMLMessages.recursiveAlias(name: name, at: location))
            finish(placeholder(at: location), anchor: nil, wasOpen: false)
        case .undefined(let defined):
            diagnostics.append(YAMLMessages.undefinedAlias(name: name, defined: defined, at: location))
            finish(placeholder(at: location), anchor: nil, wasOpen: false)
        }
    }

    /// A null standing in for a node that could not be built, so the rest of the file can still be checked.
    private mutating func placeholder(at location: SourceLocation) -> BuiltNode {
        placeholders.append(location)
        let scalar = Scalar(text: "", style: .plain, value: .null)
        return BuiltNode(
            node: Node(.scalar(scalar), at: location), size: 1, height: 0, site: location, isPlaceholder: true)
    }

    /// Records a finished node under its anchor and attaches it to its parent (or makes it the root).
    private mutating func finish(_ node: BuiltNode, anchor: String?, wasOpen: Bool) {
        if let anchor { anchors.define(anchor, as: node, wasOpen: wasOpen) }
        let last = open.count - 1
        if last < 0 {
            root = node
        } else if open[last].mapping != nil {
            open[last].mapping?.add(node, diagnostics: &diagnostics)
        } else {
            open[last].items.append(node)
        }
    }

}
