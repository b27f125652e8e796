extension CSVTable {
    /// Collects the kept rows while a file is read, and decides at the end what the target column holds: class
    /// labels, class names or regression values (see `CSVTargets`).
    ///
    /// Whether the column holds text is known only at its end, so the distinct target texts are collected from
    /// the first row on (a class-name column has at most `maxClasses` of them); once there are more, the
    /// collection stops, and a text target seen after that is the error it would be anyway.
    struct Builder {
        let featureCount: Int
        var features: [Float] = []
        var rows = 0
        /// Each row's target as a number (0 where it is text).
        var values: [Float] = []
        var allClassLabels = true
        var largest = 0
        /// Each row's text's number in order of first appearance, while `distinct` is tracked.
        var ids: [Int32] = []
        var distinct: [String: Int32] = [:]
        var overflowed = false
        var firstText: (line: Int, text: String)?

        init(featureCount: Int) { self.featureCount = featureCount }

        mutating func append(features row: [Float], target: ArraySlice<UInt8>, line: Int) {
            features.append(contentsOf: row)
            rows += 1
            let number = DecimalNumber.parse(target)
            if let number, let float = DecimalNumber.float(number) {
                values.append(float)
                if allClassLabels {
                    if number >= 0, number < Double(CSVTable.maxClasses), number == number.rounded() {
                        largest = max(largest, Int(number))
                    } else {
                        allClassLabels = false
                    }
                }
            } else {
                values.append(0)
                if firstText == nil { firstText = (line, String(decoding: target, as: UTF8.self)) }
            }
            guard !overflowed else { return }
            // A small string (15 bytes or less) is stored inline: most keys cost no allocation.
            let text = String(decoding: target, as: UTF8.self)
            if let id = distinct[text] {
                ids.append(id)
            } else if distinct.count < CSVTable.maxClasses {
                let id = Int32(distinct.count)
                distinct[text] = id
                ids.append(id)
            } else {
                overflowed = true
                ids = []
                distinct = [:]
            }
        }

        func targets(name: String, column: String) throws(CSVError) -> CSVTargets {
            guard let firstText else {
                if allClassLabels { return .classes(labels: values.map { Int32($0) }, count: largest + 1) }
                return .values(values)
            }
            guard !overflowed else {
                throw CSVError(.target, "\(name): the target column '\(column)' holds text ('\(CSVTable.shown(firstText.text, 40))' on line \(firstText.line)) and more than \(CSVTable.maxClasses) distinct values",
                               help: ["a target of class names may have at most \(CSVTable.maxClasses) classes; regression targets must all be numbers"])
            }
            // Class i is the i-th text in the byte order of its UTF-8. (Texts that are the same Unicode written
            // two ways, `é` precomposed or as `e` + accent, are equal Strings: one class, named as first written.)
            let texts = distinct.sorted { $0.value < $1.value }.map(\.key)
            let order = texts.indices.sorted { Array(texts[$0].utf8).lexicographicallyPrecedes(Array(texts[$1].utf8)) }
            var classOf = [Int32](repeating: 0, count: texts.count)
            for (rank, id) in order.enumerated() { classOf[id] = Int32(rank) }
            return .names(labels: ids.map { classOf[Int($0)] }, names: order.map { texts[$0] })
        }
    }
}
