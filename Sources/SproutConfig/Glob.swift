/// Shell-style globs over node names, for `model.init.rules`: `*` matches any run of characters (including `.`, so
/// `block*` matches `block3.dense1`), `?` exactly one; everything else matches itself.
public enum Glob {
    /// Iterative matching with one backtrack point (the last `*`): O(|pattern| · |name|), no recursion.
    public static func matches(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern.unicodeScalars), s = Array(name.unicodeScalars)
        var i = 0, j = 0, star = -1, mark = 0
        while j < s.count {
            if i < p.count, p[i] == "?" || (p[i] != "*" && p[i] == s[j]) {
                i += 1
                j += 1
            } else if i < p.count, p[i] == "*" {
                star = i
                mark = j
                i += 1
            } else if star >= 0 {
                i = star + 1
                mark += 1
                j = mark
            } else {
                return false
            }
        }
        while i < p.count, p[i] == "*" { i += 1 }
        return i == p.count
    }
}
