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

    /// 6 of class 0 then 4 of class 1, validation 0.25: H = round(2.5) = 3. Quotas 3·6/10 = 1.8 and 3·4/10 = 1.2:
    /// whole parts 1 and 1, remainders 8 and 2 (tenths), so the third goes to class 0: 2 of class 0, 1 of class 1.
    @Test func stratifiedCountsByHand() {
        let data = Dataset(features: (0..<10).map(Float.init), labels: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1], featureCount: 1,
                           classCount: 2)
        for seed: UInt64 in 1...5 {
            let (train, validation) = data.split(validation: 0.25, seed: seed)
            #expect(validation?.labels == [0, 0, 1])
            #expect(train.labels == [0, 0, 0, 0, 1, 1, 1])
            // Each example keeps its own label, and both parts keep the original order.
            let trainIDs = train.features.map { Int($0) }, heldIDs = (validation?.features ?? []).map { Int($0) }
            #expect(trainIDs == trainIDs.sorted() && heldIDs == heldIDs.sorted())
            #expect(Set(trainIDs + heldIDs) == Set(0..<10))
            #expect(heldIDs.filter { $0 < 6 }.count == 2)
        }
        #expect(Dataset.stratifiedQuotas(held: 3, classSizes: [6, 4]) == [2, 1])
        // Equal remainders (3·5/10 = 1.5 each): the lower class index takes the extra one.
        #expect(Dataset.stratifiedQuotas(held: 3, classSizes: [5, 5]) == [2, 1])
        // iris with validation 0.2: H = 30 of 150, quotas exactly 10 a class.
        #expect(Dataset.stratifiedQuotas(held: 30, classSizes: [50, 50, 50]) == [10, 10, 10])
        // wine (59, 71, 48) with 0.2: H = round(35.6) = 36; 36·59/178 = 11.93, 36·71/178 = 14.36, 36·48/178 =
        // 9.71: whole parts 11 + 14 + 9 = 34, the two left go to the largest remainders .93 and .71.
        #expect(Dataset.stratifiedQuotas(held: 36, classSizes: [59, 71, 48]) == [12, 14, 10])
    }

    /// Regression data: one shuffle of every index, its targets carried with its features.
    @Test func regressionSplitCarriesTargets() {
        let data = Dataset(features: (0..<8).map(Float.init), targets: (0..<8).flatMap { [Float($0), -Float($0)] },
                           featureCount: 1, targetWidth: 2)
        let (train, validation) = data.split(validation: 0.25, seed: 9)
        #expect(train.count == 6 && validation?.count == 2)
        for part in [train, validation].compactMap({ $0 }) {
            for row in 0..<part.count {
                #expect(part.targets[2 * row] == part.features[row] && part.targets[2 * row + 1] == -part.features[row])
            }
        }
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
