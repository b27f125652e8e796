import SproutDiagnostics
import SproutYAML

/// `data.validation` or `data.test`: the two settings take the same forms (a fraction held out, or another file)
/// and follow the same rules; only their words and rule ids differ.
struct HeldOutRole {
    /// The key under `data:`.
    let key: String
    /// The schema of the mapping form.
    let schema: UnionSchema
    /// What the data is for, as a verb: "validate", "test".
    let verb: String
    let notFile: DiagnosticID
    let mismatch: DiagnosticID

    static let validation = HeldOutRole(key: "validation", schema: ExperimentSchema.validationSource, verb: "validate",
                                        notFile: .validationNotFile, mismatch: .validationMismatch)
    static let test = HeldOutRole(key: "test", schema: ExperimentSchema.testSource, verb: "test",
                                  notFile: .testNotFile, mismatch: .testMismatch)
}

extension DataDecoder {
    /// `validation` or `test`: a fraction (0 meaning none), or a mapping naming another source.
    static func heldOut(_ role: HeldOutRole, _ p: SectionReader, into diagnostics: DiagnosticCollector) -> Validation? {
        guard let node = p[role.key], node.mappingEntries != nil else {
            return p.number(role.key).map { $0 == 0 ? .none : .fraction($0) }
        }
        guard let other = UnionReader(node, role.schema, what: "data.\(role.key)", into: diagnostics),
              let q = other.parameters else { return nil }
        return source(other, q, into: diagnostics).map { .source($0) }
    }

    /// A validation or test source must be a file with the training source's features and classes (the network's
    /// input and output widths are the training source's). Fractions are checked together (`checkFractions`).
    static func check(_ heldOut: Validation, as role: HeldOutRole, of source: DataSourceSpec, _ p: SectionReader,
                      into diagnostics: DiagnosticCollector) -> Bool {
        guard let node = p[role.key], case .source(let other) = heldOut else { return true }
        let what = "the \(role.key) source"
        // A generator would draw from the same seeded stream as the training data and give the very same
        // points: copies of the training set. Only files make a second source.
        switch other {
        case .xor, .spirals, .teacher, .moons, .circles, .blobs, .parity, .teacherRegression, .sine, .bundled:
            diagnostics.report(role.notFile, "\(what) '\(other.name)' is not a file: generated or bundled data "
                               + "would repeat the training examples", at: node.location,
                               help: ["hold out a fraction instead (\(role.key): 0.2), or \(role.verb) on a csv or idx file"])
            return false
        case .csv, .idx:
            break
        }
        var fits = true
        if other.featureCount != source.featureCount {
            diagnostics.report(role.mismatch, "\(what) gives \(other.featureCount) features, but the training source gives \(source.featureCount)",
                               at: node.location, help: ["\(role.verb) on data with the same columns as the training data"])
            fits = false
        } else if case .idx(let own) = source, case .idx(let theirs) = other,
                  (own.rows, own.columns) != (theirs.rows, theirs.columns), p["shape"] == nil {
            // Same count, other image: a network reading [1, rows, columns] would see every image scrambled.
            diagnostics.report(role.mismatch, "\(what)'s images are \(theirs.rows)x\(theirs.columns), but the training source's are \(own.rows)x\(own.columns)",
                               at: node.location, help: ["\(role.verb) on images of the training images' size"])
            fits = false
        }
        if other.targetClasses != source.targetClasses {
            diagnostics.report(role.mismatch, "\(what) gives \(targets(other)), but the training source gives \(targets(source))",
                               at: node.location, help: ["\(role.verb) on data with the same targets as the training data"])
            fits = false
        } else if classNames(other) != classNames(source) {
            // Class i is the i-th name in sorted order: other names would give one index two meanings.
            diagnostics.report(role.mismatch, "\(what)'s classes are named \(names(other)), but the training source's \(names(source))",
                               at: node.location,
                               help: ["\(role.verb) on data with the same class names, so that each class index means the same class"])
            fits = false
        }
        return fits
    }

    /// The fractions must leave an example in every part: T = round(test · N) ≥ 1 and V = round(validation · N)
    /// ≥ 1 when asked for, and N − T − V ≥ 1 to train on (both fractions are of all N examples; the split rounds
    /// to the nearest whole example, as `Dataset.split(test:validation:seed:)` does).
    static func checkFractions(validation: Validation, test: Validation, of source: DataSourceSpec, _ p: SectionReader,
                               into diagnostics: DiagnosticCollector) -> Bool {
        let n = source.exampleCount
        func held(_ role: HeldOutRole, _ value: Validation) -> (count: Int, text: String, node: Node)? {
            guard case .fraction(let fraction) = value, let node = p[role.key] else { return nil }
            return (Int((fraction * Double(n)).rounded()), node.scalar?.text ?? "", node)
        }
        let t = held(.test, test), v = held(.validation, validation)
        var fits = true
        for (role, part) in [(HeldOutRole.test, t), (.validation, v)] {
            guard let part, part.count == 0 else { continue }
            diagnostics.report(.emptySplit, "\(role.key) \(part.text) of \(n) examples leaves no example to \(role.verb) on",
                               at: part.node.location, help: ["use a fraction that holds out at least one example and keeps one"])
            fits = false
        }
        guard fits, (t?.count ?? 0) + (v?.count ?? 0) >= n, let first = t ?? v else { return fits }
        let what = t != nil && v != nil ? "test \(t?.text ?? "") and validation \(v?.text ?? "") of \(n) examples hold out "
            + "\(t?.count ?? 0) + \(v?.count ?? 0) and leave" : "\(t != nil ? "test" : "validation") \(first.text) of \(n) examples leaves"
        diagnostics.report(.emptySplit, "\(what) no example to train on", at: first.node.location,
                           help: [t != nil && v != nil
                                  ? "use fractions that hold out at least one example each and keep one to train on (both are fractions of all the examples)"
                                  : "use a fraction that holds out at least one example and keeps one"])
        return false
    }
}
