import Foundation
import Testing
@testable import SproutRuns

/// sbatch's `--time` read into seconds: the six forms of `man sbatch`, each worked out by hand below, the infinite
/// words, and the texts that are none of them (refused before anything is submitted).
@Suite struct SlurmTimeLimitTests {
    struct Form: Sendable, CustomTestStringConvertible {
        var text: String
        var seconds: Int
        var testDescription: String { "\(text) = \(seconds) s" }
    }

    static let forms: [Form] = [
        // minutes: 90 * 60 = 5400
        Form(text: "90", seconds: 5400),
        // minutes: 1 * 60 = 60
        Form(text: "1", seconds: 60),
        // minutes:seconds: 90 * 60 + 30 = 5430
        Form(text: "90:30", seconds: 5430),
        // minutes:seconds: 0 * 60 + 45 = 45
        Form(text: "0:45", seconds: 45),
        // hours:minutes:seconds: (2 * 60 + 3) * 60 + 4 = 123 * 60 + 4 = 7384
        Form(text: "2:03:04", seconds: 7384),
        // hours:minutes:seconds: (0 * 60 + 0) * 60 + 1 = 1
        Form(text: "00:00:01", seconds: 1),
        // hours:minutes:seconds: (48 * 60 + 0) * 60 + 0 = 172800
        Form(text: "48:00:00", seconds: 172_800),
        // days-hours: (1 * 24 + 2) * 60 * 60 = 26 * 3600 = 93600
        Form(text: "1-2", seconds: 93_600),
        // days-hours: (7 * 24 + 0) * 3600 = 168 * 3600 = 604800
        Form(text: "7-00", seconds: 604_800),
        // days-hours:minutes: ((1 * 24 + 2) * 60 + 3) * 60 = (1560 + 3) * 60 = 1563 * 60 = 93780
        Form(text: "1-02:03", seconds: 93_780),
        // days-hours:minutes:seconds: ((1 * 24 + 2) * 60 + 3) * 60 + 4 = 93780 + 4 = 93784
        Form(text: "1-02:03:04", seconds: 93_784),
        // days-hours:minutes:seconds: ((0 * 24 + 23) * 60 + 59) * 60 + 59 = (1380 + 59) * 60 + 59 = 86340 + 59 = 86399
        Form(text: "0-23:59:59", seconds: 86_399),
        // days-hours:minutes:seconds: ((10 * 24 + 0) * 60 + 0) * 60 + 0 = 240 * 3600 = 864000
        Form(text: "10-0:0:0", seconds: 864_000),
    ]

    @Test(arguments: forms)
    func eachFormIsReadIntoSeconds(_ form: Form) throws {
        let limit = try #require(SlurmTimeLimit(form.text))
        #expect(limit.seconds == form.seconds)
        #expect(limit.text == form.text, "sbatch is handed the text as given")
    }

    /// `INFINITE` and `UNLIMITED`, in any case: no limit, no seconds; the text kept for sbatch.
    @Test(arguments: ["INFINITE", "UNLIMITED", "unlimited", "Infinite", "inFINite"])
    func theInfiniteWordsHaveNoSeconds(_ text: String) throws {
        let limit = try #require(SlurmTimeLimit(text))
        #expect(limit.seconds == nil)
        #expect(limit.text == text)
    }

    /// None of the forms: a unit, too many or too few parts, empty parts, a day part alone, letters, a fullwidth
    /// digit (a number to `Character.isNumber`, not to sbatch), numbers too long for sbatch, spaces anywhere.
    @Test(arguments: [
        "", "1h", "1m", "1:2:3:4", "-5", "1-", "1--2", "a:b", "１", "１0", "1-１", "１:00",
        "1:", ":1", "1::2", "1-2:3:4:5", "1-:30", "-", ":", "inf", "never", "1.5", "1,5", "0x10", "1e3",
        "99999999999999999999", "1234567890", "1234567-0", "1-99999999999999999999:00",
        " 5", "5 ", "1 :30", "1- 2", "1 -2", "\t5", "5\n", "UNLIMITED ", " INFINITE", "1 2",
    ])
    func otherTextsAreRefused(_ text: String) {
        #expect(SlurmTimeLimit(text) == nil, "'\(text)' is none of sbatch's forms")
    }

    /// A sign is not a digit: `Int("+5")` is 5 to Swift, but sbatch 22.05 answers "Invalid --time specification" to
    /// `--time=+5` and `--time=1-+2` (tried against sbatch itself), so Sprout should refuse them before submitting,
    /// as it does every other text sbatch would refuse.
    @Test(arguments: ["+5", "1-+2", "+1-00", "5:+30", "+2:00:00"])
    func aPlusSignIsRefused(_ text: String) {
        #expect(SlurmTimeLimit(text) == nil, "sbatch refuses '\(text)'; Sprout read it as \(SlurmTimeLimit(text)?.seconds ?? -1) s")
    }

    /// `man sbatch`, --time: "A time limit of zero requests that no time limit be imposed." So `0` (in any form that
    /// adds up to zero) is an infinite limit, like `UNLIMITED`: no seconds, and no warning signal to place before it.
    @Test(arguments: ["0", "0:00", "00:00:00", "0-0", "0-00:00:00"])
    func zeroIsNoLimit(_ text: String) throws {
        let limit = try #require(SlurmTimeLimit(text))
        #expect(limit.seconds == nil, "sbatch reads '\(text)' as no time limit; Sprout read \(limit.seconds ?? -1) s")
    }

    /// The forms sentence names all six forms (it is what a refused `--time` prints).
    @Test func theFormsAreNamed() {
        for form in ["minutes", "minutes:seconds", "hours:minutes:seconds", "days-hours", "days-hours:minutes",
                     "days-hours:minutes:seconds"] {
            #expect(SlurmTimeLimit.forms.contains(form))
        }
    }
}
