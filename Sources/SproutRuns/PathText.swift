/// Path arithmetic on text, for paths of any length: swift-corelibs-foundation's
/// `NSString.deletingLastPathComponent` traps on a one-character relative path (`"t"`, `"."`: a run named `t`,
/// an output folder `.`), so Sprout does not call it on a path a user's name or argument can make that short.
package enum PathText {
    /// The folder part of `path`: `a/b` -> `a`, `t` -> `` (none), `/t` -> `/`, `a/b/` -> `a`.
    package static func parent(of path: String) -> String {
        var text = Substring(path)
        while text.count > 1 && text.hasSuffix("/") { text = text.dropLast() }
        guard let slash = text.lastIndex(of: "/") else { return "" }
        if slash == text.startIndex { return "/" }
        var parent = text[..<slash]
        while parent.count > 1 && parent.hasSuffix("/") { parent = parent.dropLast() }
        return String(parent)
    }
}
