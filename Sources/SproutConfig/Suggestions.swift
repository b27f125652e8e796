/// "Did you mean" suggestions by edit distance.
public enum Suggestions {
    /// The optimal-string-alignment distance between two strings: insertions, deletions, substitutions and swaps of
    /// two neighbouring characters each cost 1 (Levenshtein plus transpositions, so `nmae` is one edit from `name`),
    /// on Unicode scalars, in O(|a|·|b|) time.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        // d[i * width + j]: distance between the first i scalars of a and the first j of b.
        var d = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in 0...a.count { d[i * width] = i }
        for j in 0...b.count { d[j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(d[(i - 1) * width + j - 1] + cost, d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, d[(i - 2) * width + j - 2] + 1)
                }
                d[i * width + j] = best
            }
        }
        return d[a.count * width + b.count]
    }

    /// Words longer than this get no suggestion (no valid name is that long, and the distance costs length²).
    static let longestWord = 64

    /// Up to three candidates close to `word`, nearest first (ties keep the candidates' order).
    /// "Close" means a distance of at most a third of the word's length, and at least 1, so short typos of short
    /// words are still caught while unrelated words are not offered.
    public static func closest(to word: String, among candidates: [String], limit: Int = 3) -> [String] {
        guard word.unicodeScalars.count <= longestWord else { return [] }
        let threshold = max(1, word.unicodeScalars.count / 3)
        let lowered = word.lowercased()
        let scored = candidates.enumerated().map { (offset: $0.offset, name: $0.element,
                                                    distance: editDistance(lowered, $0.element.lowercased())) }
        return scored.filter { $0.distance <= threshold }
            .sorted { ($0.distance, $0.offset) < ($1.distance, $1.offset) }
            .prefix(limit).map(\.name)
    }

    /// A user's word as quoted in a message: cut to 64 characters with `…`, so a 600 000-character key does not
    /// flood the terminal.
    public static func display(_ word: String) -> String {
        guard word.count > longestWord else { return word }
        return String(word.prefix(longestWord)) + "…"
    }

    /// A `help:` line for an unknown name: "did you mean 'x'?" when something is close, else the valid choices.
    /// Another library's name for a candidate that is not already close by spelling (`Synonyms`: `learning_rate`
    /// for `lr`, not `leakyrelu` for `leaky_relu`) is answered with where it comes from.
    public static func help(for word: String, among candidates: [String], kind: String) -> String {
        let near = closest(to: word, among: candidates)
        if let synonym = Synonyms.help(for: word, among: candidates.filter { !near.contains($0) }) { return synonym }
        if near.count == 1 { return "did you mean '\(near[0])'?" }
        if !near.isEmpty { return "did you mean one of: " + near.map { "'\($0)'" }.joined(separator: ", ") + "?" }
        return "valid \(kind): " + candidates.joined(separator: ", ")
    }
}
