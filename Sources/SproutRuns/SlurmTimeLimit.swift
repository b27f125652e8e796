/// A time limit in sbatch's `--time` syntax, read into seconds so that the warning signal can be placed before it
/// (`SlurmOptions.signalLead`). The six forms sbatch accepts (`man sbatch`): `minutes`, `minutes:seconds`,
/// `hours:minutes:seconds`, `days-hours`, `days-hours:minutes`, `days-hours:minutes:seconds`; and `INFINITE` or
/// `UNLIMITED`, and zero, which sbatch reads as no limit. Sprout checks the text itself, so a mistake is reported before anything is submitted, with the forms.
package struct SlurmTimeLimit: Sendable, Equatable {
    /// As given: what sbatch is handed.
    package var text: String
    /// Nil for an infinite limit.
    package var seconds: Int?

    package static let forms = "minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes or "
        + "days-hours:minutes:seconds (sbatch's --time)"

    /// Nil when `text` is none of the forms.
    package init?(_ text: String) {
        self.text = text
        if ["INFINITE", "UNLIMITED"].contains(text.uppercased()) {
            seconds = nil
            return
        }
        let dayParts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard dayParts.count <= 2, dayParts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let clock = dayParts.last.map { $0.split(separator: ":", omittingEmptySubsequences: false) } ?? []
        var numbers: [Int] = []
        for part in clock {
            guard !part.isEmpty, part.count <= 9, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part) else { return nil }
            numbers.append(n)
        }
        if dayParts.count == 2 {
            let day = dayParts[0]
            guard day.count <= 6, day.allSatisfy({ $0.isASCII && $0.isNumber }), let days = Int(day),
                  (1...3).contains(numbers.count) else { return nil }
            // days-hours[:minutes[:seconds]]
            let hours = numbers[0], minutes = numbers.count > 1 ? numbers[1] : 0, secs = numbers.count > 2 ? numbers[2] : 0
            seconds = ((days * 24 + hours) * 60 + minutes) * 60 + secs
        } else {
            switch numbers.count {
            case 1: seconds = numbers[0] * 60
            case 2: seconds = numbers[0] * 60 + numbers[1]
            case 3: seconds = (numbers[0] * 60 + numbers[1]) * 60 + numbers[2]
            default: return nil
            }
        }
        // sbatch: "A time limit of zero requests that no time limit be imposed."
        if seconds == 0 { seconds = nil }
    }
}
