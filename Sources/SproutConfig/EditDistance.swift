/// "Did you mean" suggestions by Levenshtein distance.
public enum Suggestions {
    /// The Levenshtein distance between two strings (insertions, deletions and substitutions cost 1), on Unicode
    /// scalars, in O(|a|·|b|) time and O(|b|) memory.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Up to three candidates close to `word`, nearest first (ties keep the candidates' order).
    /// "Close" means a distance of at most a third of the word's length, and at least 1, so short typos of short
    /// words are still caught while unrelated words are not offered.
    public static func closest(to word: String, among candidates: [String], limit: Int = 3) -> [String] {
        let threshold = max(1, word.unicodeScalars.count / 3)
        let scored = candidates.enumerated().map { (offset: $0.offset, name: $0.element,
                                                    distance: editDistance(word.lowercased(), $0.element.lowercased())) }
        return scored.filter { $0.distance <= threshold }
            .sorted { ($0.distance, $0.offset) < ($1.distance, $1.offset) }
            .prefix(limit).map(\.name)
    }

    /// A `help:` line for an unknown name: "did you mean 'x'?" when something is close, else the valid choices.
    public static func help(for word: String, among candidates: [String], kind: String) -> String {
        let near = closest(to: word, among: candidates)
        if near.count == 1 { return "did you mean '\(near[0])'?" }
        if !near.isEmpty { return "did you mean one of: " + near.map { "'\($0)'" }.joined(separator: ", ") + "?" }
        return "valid \(kind): " + candidates.joined(separator: ", ")
    }
}
