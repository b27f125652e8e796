import Testing
import SproutData

@Suite struct SplitTests {
    static func numbered(_ n: Int) -> Dataset {
        Dataset(features: (0..<n).flatMap { [Float($0), Float(-$0)] }, labels: (0..<n).map { Int32($0 % 2) },
                featureCount: 2, classCount: 2)
    }

    /// round(0.25 · 10) = 3 (2.5 rounds away from zero), the rest trains; together they are the whole set, once.
    @Test func sizesAndDisjointness() {
        let (train, validation) = Self.numbered(10).split(validation: 0.25, seed: 3)
        #expect(train.count == 7)
        #expect(validation?.count == 3)
        let ids = (train.features + (validation?.features ?? [])).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        #expect(ids.sorted() == (0..<10).map(Float.init))
        // Each part keeps the original order, and each example keeps its own label and features together.
        #expect(train.features.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
                == train.features.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).sorted())
        for row in 0..<train.count {
            #expect(train.features[2 * row + 1] == -train.features[2 * row])
            #expect(train.labels[row] == Int32(Int(train.features[2 * row]) % 2))
        }
    }

    @Test func sameSeedSameSplitOtherSeedOtherSplit() {
        let data = Self.numbered(100)
        let a = data.split(validation: 0.2, seed: 1), b = data.split(validation: 0.2, seed: 1)
        let c = data.split(validation: 0.2, seed: 2)
        #expect(a.validation?.features == b.validation?.features)
        #expect(a.validation?.features != c.validation?.features)
    }

    @Test func zeroFractionKeepsEverything() {
        let (train, validation) = Self.numbered(5).split(validation: 0, seed: 1)
        #expect(train.count == 5)
        #expect(validation == nil)
    }
}

@Suite struct ScalingTests {
    /// Feature 0: 1, 2, 3, 4 (mean 2.5, population variance 1.25); feature 1: constant 7.
    static let data = Dataset(features: [1, 7, 2, 7, 3, 7, 4, 7], labels: [0, 1, 0, 1], featureCount: 2, classCount: 2)

    @Test func standardizeByHand() {
        let scaling = FeatureScaling.standardize(fittedOn: Self.data)
        #expect(scaling.shift == [2.5, 7])
        #expect(abs(scaling.scale[0] - 1 / 1.25.squareRoot()) < 1e-12)
        #expect(scaling.scale[1] == 1)  // constant: centred, not scaled
        let scaled = scaling.apply(to: Self.data)
        let expected: [Float] = [-1.5, -0.5, 0.5, 1.5].map { Float($0 / 1.25.squareRoot()) }
        for (index, value) in expected.enumerated() {
            #expect(abs(scaled.features[2 * index] - value) < 1e-6)
            #expect(scaled.features[2 * index + 1] == 0)
        }
    }

    @Test func minmaxByHand() {
        let scaled = FeatureScaling.minmax(fittedOn: Self.data).apply(to: Self.data)
        #expect(scaled.features == [0, 0, Float(1.0 / 3.0), 0, Float(2.0 / 3.0), 0, 1, 0])
    }

    /// Statistics come from the data they were fitted on: validation values outside the training range stay
    /// outside [0, 1].
    @Test func fittedOnTrainingOnly() {
        let other = Dataset(features: [5, 7], labels: [0], featureCount: 2, classCount: 2)
        let scaled = FeatureScaling.minmax(fittedOn: Self.data).apply(to: other)
        #expect(abs(scaled.features[0] - Float(4.0 / 3.0)) < 1e-6)
    }
}

@Suite struct GeneratorTests {
    /// Without noise every point of class 1 is the mirror image of its class-0 twin, and radii stay below 1.
    @Test func spiralsShape() {
        let data = SpiralsGenerator(samples: 101, turns: 1.5, noise: 0).generate(seed: 4)
        #expect(data.count == 100)  // 50 a spiral: an odd sample count drops the last point
        #expect(data.labels == [Int32](repeating: 0, count: 50) + [Int32](repeating: 1, count: 50))
        for i in 0..<50 {
            #expect(data.features[2 * (50 + i)] == -data.features[2 * i])
            #expect(data.features[2 * (50 + i) + 1] == -data.features[2 * i + 1])
            let r = (data.features[2 * i] * data.features[2 * i] + data.features[2 * i + 1] * data.features[2 * i + 1])
                .squareRoot()
            #expect(r < 1)
        }
    }

    @Test func xorIsBalancedAndLabelledBySigns() {
        let data = XORGenerator(samples: 203, noise: 0).generate(seed: 1)
        #expect(data.labels.filter { $0 == 0 }.count == 102)  // corners 0, 1 take 51 each; 2, 3 take 51 and 50
        for row in 0..<data.count {
            let differ = (data.features[2 * row] > 0) != (data.features[2 * row + 1] > 0)
            #expect(data.labels[row] == (differ ? 1 : 0))
        }
    }
}
