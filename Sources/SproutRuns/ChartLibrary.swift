import Foundation

/// Chart.js as Debian's `libjs-chart.js` installs it, read when a report is written and inlined into the page, so
/// the report opens offline and can be mailed: no CDN, and no copy of the library in this repository to keep up
/// to date (the system's package is updated with the system). Debian bookworm ships Chart.js 3.9.1.
package enum ChartLibrary {
    /// Where `libjs-chart.js` puts the minified UMD build (it defines the global `Chart`). `SPROUT_CHARTJS` names
    /// another file (a system without the Debian package, or a test of the missing-library error).
    package static let debianPath = "/usr/share/javascript/chart.js/chart.min.js"

    package static var path: String {
        if let path = ProcessInfo.processInfo.environment["SPROUT_CHARTJS"], !path.isEmpty { return path }
        return debianPath
    }

    /// The library's text. Throws `RunError.cannotRead` naming the file, the reason and the package to install;
    /// and refuses a file holding `</script` or `<!--`, which would end (or change how the browser ends) the
    /// `<script>` element it is inlined into: a library cannot be escaped the way data is, so it must not need it.
    package static func read(from path: String = path) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RunError.cannotRead(path: path, reason: "\(RunError.reason(error)); the report inlines Chart.js "
                + "from Debian's libjs-chart.js package (apt-get install libjs-chart.js)")
        }
        let text = String(decoding: data, as: UTF8.self)
        let lowered = text.lowercased()
        if lowered.contains("</script") || lowered.contains("<!--") {
            throw RunError.cannotRead(path: path, reason: "it holds `</script` or `<!--`, which cannot be inlined into "
                + "a page's <script> element")
        }
        return text
    }
}
