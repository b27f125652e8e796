import Testing
@testable import SproutTraining

/// `sprout show`'s short numbers: never a trap, never a stray decimal point.
@Suite struct ShortNumberTests {
    @Test func edgeValues() {
        #expect(ModelReport.short(3) == "3")
        #expect(ModelReport.short(0.25) == "0.25")
        #expect(ModelReport.short(2e9) == "2000000000")
        #expect(ModelReport.short(.nan) == "nan")
        #expect(ModelReport.short(-.infinity) == "-inf")
    }
}
