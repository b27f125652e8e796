import Foundation

extension ReportPage {
    /// The confusion matrix as an HTML table: a row per true class, a column per predicted class, both headed by
    /// the class names (escaped), each cell the count of examples. A cell is shaded by its share of its row (the
    /// true class's examples), so a good classifier's diagonal stands out and a row's mistakes show where they go;
    /// the shade is an inline style computed here (no script, no library): `share` as the alpha of one blue, the
    /// text white on the darker half. An empty row (a class with no test example) is unshaded.
    static func confusion(_ matrix: [[Int]], names: [String]) -> String {
        let head = names.map { "<th scope=\"col\">\(ReportEscape.html($0))</th>" }.joined()
        var html = "<table class=\"confusion\">\n<caption>confusion matrix: rows true class, columns predicted; "
            + "shaded by the share of the row</caption>\n<thead><tr><th></th><th class=\"axis\" colspan=\"\(matrix.count)\">"
            + "predicted</th></tr>\n<tr><th class=\"axis\">true</th>\(head)</tr></thead>\n<tbody>\n"
        for (row, counts) in matrix.enumerated() {
            let total = counts.reduce(0, +)
            let cells = counts.map { confusionCell($0, share: total > 0 ? Double($0) / Double(total) : 0) }.joined()
            html += "<tr><th scope=\"row\">\(ReportEscape.html(row < names.count ? names[row] : String(row)))</th>\(cells)</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// One count of the matrix, shaded by `share` (0...1) of its row.
    static func confusionCell(_ count: Int, share: Double) -> String {
        let style = "background: rgba(31, 119, 180, \(String(format: "%.3f", share)))" + (share > 0.5 ? "; color: #fff" : "")
        return "<td class=\"number\" style=\"\(style)\">\(count)</td>"
    }
}
