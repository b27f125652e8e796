import Foundation
import SproutDataFiles

extension ReportData {
    /// layers.csv (long format: a row per logged epoch and node) as one series per node, nodes in the order they
    /// first appear (the executed order). Read with the RFC 4180 tokenizer the data loaders use; a file that cannot
    /// be read or lacks the `epoch`, `node`, `activation_std` and `distinct_units` columns adds one problem and
    /// gives no series; a row of another width (cut short by a kill) is skipped. `gradient_std`, `dead_fraction` and
    /// `saturated_fraction` are read when the file has them (runs of older versions have no `gradient_std`) and
    /// kept for the nodes that have a value in them.
    static func layers(_ path: String, problems: inout [String]) -> [Layer] {
        let rows: [[String]]
        do {
            rows = try RunOverview.table(path)
        } catch let failure as RawFile.Failure {
            problems.append("\(path): unreadable: \(failure.reason)")
            return []
        } catch let failure as CSVTokenizer.Failure {
            problems.append("\(path): line \(failure.line) \(failure.reason)")
            return []
        } catch {
            problems.append("\(path): unreadable: \(error)")
            return []
        }
        guard let header = rows.first, let epochColumn = header.firstIndex(of: "epoch"),
              let nodeColumn = header.firstIndex(of: "node"), let stdColumn = header.firstIndex(of: "activation_std"),
              let unitsColumn = header.firstIndex(of: "distinct_units") else {
            problems.append("\(path): no epoch, node, activation_std and distinct_units columns")
            return []
        }
        let optional = ["gradient_std", "dead_fraction", "saturated_fraction"].map { header.firstIndex(of: $0) }
        var extra: [[[Double?]]] = []  // per node, per optional column, per row
        var layers: [Layer] = []
        var index: [String: Int] = [:]
        for row in rows.dropFirst() where row.count == header.count {
            guard let epoch = Int(row[epochColumn]) else { continue }
            let node = row[nodeColumn]
            let position = index[node] ?? layers.count
            if position == layers.count {
                index[node] = position
                layers.append(Layer(node: node))
                extra.append(optional.map { _ in [] })
            }
            for (column, cell) in optional.enumerated() {
                extra[position][column].append(cell.flatMap { Double(row[$0]) })
            }
            layers[position].epoch.append(epoch)
            layers[position].activationStd.append(Double(row[stdColumn]))
            layers[position].distinctUnits.append(Int(row[unitsColumn]))
        }
        for position in layers.indices {
            func kept(_ column: Int) -> [Double?]? {
                extra[position][column].contains { $0 != nil } ? extra[position][column] : nil
            }
            layers[position].gradientStd = kept(0)
            layers[position].deadFraction = kept(1)
            layers[position].saturatedFraction = kept(2)
        }
        return layers
    }
}
