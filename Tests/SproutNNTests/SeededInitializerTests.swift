import SproutRandom
import Testing
@testable import SproutNN

/// An initializer with its own seed (`Initializer.seeded`) draws from a stream keyed by that seed alone: the same
/// seed gives the same tensor whatever the parameter, the run seed or the stream it is handed; a different seed, or
/// none, gives another.
@Suite struct SeededInitializerTests {
    static func fill(_ initializer: Initializer, count: Int = 24, fanIn: Int = 4, fanOut: Int = 6,
                     seed: UInt64 = 1, key: String = "init/a.weight") -> [Float] {
        var values = [Float](repeating: .nan, count: count)
        var stream = RandomStream(seed: seed, key: key)
        initializer.fill(&values, fanIn: fanIn, fanOut: fanOut, stream: &stream)
        return values
    }

    @Test func sameSeedSameValuesWhateverTheParameterOrRunSeed() {
        let seeded = Initializer.seeded(.normal(mean: 0, std: 1), seed: 7)
        let first = Self.fill(seeded, seed: 1, key: "init/a.weight")
        #expect(first.allSatisfy { $0.isFinite })
        #expect(Self.fill(seeded, seed: 99, key: "init/b.weight") == first)
        // The values are those of the stream keyed by the seed alone, drawn as an unseeded normal would draw them.
        var own = RandomStream(seed: 7, key: "init/seeded")
        let expected = (0..<24).map { _ in Float(own.normal()) }
        #expect(first == expected)
    }

    @Test func differentOrAbsentSeedDiffers() {
        let seven = Self.fill(.seeded(.xavierUniform(gain: 1), seed: 7))
        let eight = Self.fill(.seeded(.xavierUniform(gain: 1), seed: 8))
        let none = Self.fill(.xavierUniform(gain: 1))
        #expect(seven != eight && seven != none && eight != none)
        // Without a seed, two parameters' streams differ.
        #expect(Self.fill(.xavierUniform(gain: 1), key: "init/b.weight") != none)
    }

    /// The distribution is the scheme's: a seed changes where the numbers come from, never their formula.
    @Test func distributionAndConstantnessAreTheScheme() {
        let bound = (6.0 / (4.0 + 6.0)).squareRoot()
        #expect(Initializer.seeded(.xavierUniform(gain: 1), seed: 3).distribution(fanIn: 4, fanOut: 6)
                == .uniform(low: -bound, high: bound))
        #expect(Initializer.seeded(.normal(mean: 0.5, std: 0), seed: 3).isConstant)
        #expect(!Initializer.seeded(.normal(mean: 0, std: 1), seed: 3).isConstant)
    }

    /// Two layers of one shape built with the same seeded initializer start identical (Keras' trap); the network's
    /// own per-parameter streams make them differ.
    @Test func twoLayersOfOneShapeShareTheDraw() throws {
        func network(_ weight: Initializer) throws -> Network {
            let nodes = [
                NodeSpec(name: "a", operation: .dense(units: 5, bias: true, weightInit: weight, biasInit: .zeros)),
                NodeSpec(name: "b", operation: .dense(units: 5, bias: true, weightInit: weight, biasInit: .zeros),
                         inputs: ["a"]),
            ]
            let network = try Network(inputWidth: 5, nodes: nodes, output: "b")
            network.initialize(seed: 11)
            return network
        }
        let shared = try network(.seeded(.kaimingNormal(mode: .fanIn, nonlinearity: .relu), seed: 1))
        let a = shared.parameter(named: "a.weight")?.value ?? [], b = shared.parameter(named: "b.weight")?.value ?? []
        #expect(a.count == 25 && a == b)
        let independent = try network(.kaimingNormal(mode: .fanIn, nonlinearity: .relu))
        #expect(independent.parameter(named: "a.weight")?.value != independent.parameter(named: "b.weight")?.value)
    }
}
