import Foundation
import SproutData
import SproutRandom
import Testing

/// The seeded generators: same seed, same data; another seed, other data; the shape and class balance each
/// promises; and exact values worked out from each formula (with noise 0, by hand) or from the formula applied to
/// the first draws of the generator's own stream, drawn here independently in the documented order.
@Suite struct SyntheticGeneratorTests {
    static func differs(_ a: Dataset, _ b: Dataset) -> Bool { a.features != b.features || a.targets != b.targets }
    static func same(_ a: Dataset, _ b: Dataset) -> Bool {
        a.features == b.features && a.labels == b.labels && a.targets == b.targets
    }

    @Test func seedsDecide() {
        let pairs: [(Dataset, Dataset, Dataset)] = [
            (MoonsGenerator(samples: 50, noise: 0.1).generate(seed: 1), MoonsGenerator(samples: 50, noise: 0.1).generate(seed: 1),
             MoonsGenerator(samples: 50, noise: 0.1).generate(seed: 2)),
            (CirclesGenerator(samples: 50, factor: 0.5, noise: 0.1).generate(seed: 1),
             CirclesGenerator(samples: 50, factor: 0.5, noise: 0.1).generate(seed: 1),
             CirclesGenerator(samples: 50, factor: 0.5, noise: 0.1).generate(seed: 2)),
            (BlobsGenerator(samples: 50, centers: 3, features: 4, std: 1).generate(seed: 1),
             BlobsGenerator(samples: 50, centers: 3, features: 4, std: 1).generate(seed: 1),
             BlobsGenerator(samples: 50, centers: 3, features: 4, std: 1).generate(seed: 2)),
            (ParityGenerator(samples: 50, bits: 6).generate(seed: 1), ParityGenerator(samples: 50, bits: 6).generate(seed: 1),
             ParityGenerator(samples: 50, bits: 6).generate(seed: 2)),
            (SineGenerator(samples: 50, low: -3, high: 3, noise: 0.1).generate(seed: 1),
             SineGenerator(samples: 50, low: -3, high: 3, noise: 0.1).generate(seed: 1),
             SineGenerator(samples: 50, low: -3, high: 3, noise: 0.1).generate(seed: 2)),
            (TeacherRegressionGenerator(samples: 50, features: 3, hidden: 4, outputs: 2, noise: 0.1).generate(seed: 1),
             TeacherRegressionGenerator(samples: 50, features: 3, hidden: 4, outputs: 2, noise: 0.1).generate(seed: 1),
             TeacherRegressionGenerator(samples: 50, features: 3, hidden: 4, outputs: 2, noise: 0.1).generate(seed: 2)),
        ]
        for (a, b, c) in pairs {
            #expect(Self.same(a, b))
            #expect(Self.differs(a, c))
        }
    }

    /// 5 points without noise: the outer moon t = 0, π (2 points), the inner s = 0, π/2, π (3 points):
    /// (1, 0), (−1, sin π), (0, 0.5), (1 − cos π/2, −0.5), (2, 0.5).
    @Test func moonsByHand() {
        let data = MoonsGenerator(samples: 5, noise: 0).generate(seed: 3)
        #expect(data.featureCount == 2 && data.classCount == 2 && data.count == 5)
        #expect(data.labels == [0, 0, 1, 1, 1])
        #expect(data.features == [1, 0, -1, Float(sin(Double.pi)), 0, 0.5, Float(1 - cos(Double.pi / 2)), -0.5, 2, 0.5])
        // With noise: the first point is (1 + 0.3 z0, 0 + 0.3 z1), z the stream's first Box-Muller normals.
        var stream = RandomStream(seed: 3, key: "data/moons")
        let z0 = stream.normal(), z1 = stream.normal()
        let noisy = MoonsGenerator(samples: 5, noise: 0.3).generate(seed: 3)
        #expect(noisy.features[0] == Float(1 + 0.3 * z0) && noisy.features[1] == Float(0 + 0.3 * z1))
        // Balanced to within one point.
        let big = MoonsGenerator(samples: 201, noise: 0.1).generate(seed: 1)
        #expect(big.labels.filter { $0 == 0 }.count == 100 && big.labels.filter { $0 == 1 }.count == 101)
    }

    /// 4 points without noise, factor 0.5: angles 0 and π (2π / 2 apart, no endpoint) on each circle:
    /// (1, 0), (−1, sin π), (0.5, 0), (−0.5, 0.5 sin π). Every inner point at radius 0.5, outer at 1.
    @Test func circlesByHand() {
        let data = CirclesGenerator(samples: 4, factor: 0.5, noise: 0).generate(seed: 3)
        #expect(data.labels == [0, 0, 1, 1])
        #expect(data.features == [1, 0, -1, Float(sin(Double.pi)), 0.5, 0, -0.5, Float(0.5 * sin(Double.pi))])
        let ring = CirclesGenerator(samples: 60, factor: 0.3, noise: 0).generate(seed: 1)
        for row in 0..<60 {
            let x = Double(ring.features[2 * row]), y = Double(ring.features[2 * row + 1])
            #expect(abs((x * x + y * y).squareRoot() - (row < 30 ? 1 : 0.3)) < 1e-6)
        }
        var stream = RandomStream(seed: 3, key: "data/circles")
        let z0 = stream.normal(), z1 = stream.normal()
        let noisy = CirclesGenerator(samples: 4, factor: 0.5, noise: 0.2).generate(seed: 3)
        #expect(noisy.features[0] == Float(1 + 0.2 * z0) && noisy.features[1] == Float(0 + 0.2 * z1))
    }

    /// 10 points, 3 centers: 4, 3, 3 (10 / 3 = 3, and the first 10 % 3 = 1 center takes one more). The first
    /// center's first coordinate is −10 + 20 u0; the first point's first feature is that plus std · z0, z0 the
    /// first ziggurat normal after the 3 · 2 center draws, rounded to float32.
    @Test func blobsByHand() {
        let generator = BlobsGenerator(samples: 10, centers: 3, features: 2, std: 0.5)
        #expect(generator.counts == [4, 3, 3])
        let data = generator.generate(seed: 5)
        #expect(data.labels == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2])
        #expect(data.featureCount == 2 && data.classCount == 3)
        var stream = RandomStream(seed: 5, key: "data/blobs")
        let centers = (0..<6).map { _ in -10 + 20 * stream.uniform() }
        let z0 = Float(ZigguratNormal.shared.next(&stream)), z1 = Float(ZigguratNormal.shared.next(&stream))
        #expect(data.features[0] == Float(centers[0] + 0.5 * Double(z0)))
        #expect(data.features[1] == Float(centers[1] + 0.5 * Double(z1)))
        // std 0: every point sits on its center.
        let flat = BlobsGenerator(samples: 10, centers: 3, features: 2, std: 0).generate(seed: 5)
        #expect(flat.features[8] == Float(centers[2]) && flat.features[9] == Float(centers[3]))  // class 1's first point
        #expect(flat.features[14] == Float(centers[4]))  // class 2's first point
    }

    /// The first example is the low 5 bits of the stream's first word, bit j → feature j as ±1, class = parity.
    @Test func parityByHand() {
        let data = ParityGenerator(samples: 4000, bits: 5).generate(seed: 8)
        #expect(data.featureCount == 5 && data.count == 4000)
        var stream = RandomStream(seed: 8, key: "data/parity")
        for row in 0..<3 {
            let word = stream.nextUInt64()
            let bits = (0..<5).map { (word >> UInt64($0)) & 1 }
            #expect(Array(data.features[(5 * row)..<(5 * row + 5)]) == bits.map { $0 == 1 ? 1 : -1 })
            #expect(data.labels[row] == Int32(bits.reduce(0, +) % 2))
        }
        // Every label is the parity of its row; the classes balance to within 4 standard deviations of a fair
        // coin (√4000 / 2 ≈ 31.6, so 2000 ± 126).
        for row in 0..<data.count {
            let ones = data.features[(5 * row)..<(5 * row + 5)].filter { $0 == 1 }.count
            #expect(data.labels[row] == Int32(ones % 2))
        }
        #expect(abs(data.labels.filter { $0 == 1 }.count - 2000) < 126)
        #expect(Set(data.features) == [-1, 1])
    }

    /// x0 = low + (high − low) u0; its target sin(x0) + noise · z0, z0 the first Box-Muller normal after all the
    /// n uniforms.
    @Test func sineByHand() {
        let data = SineGenerator(samples: 3, low: -2, high: 4, noise: 0.5).generate(seed: 2)
        #expect(data.isRegression && data.targetWidth == 1 && data.featureCount == 1 && data.count == 3)
        var stream = RandomStream(seed: 2, key: "data/sine")
        let xs = (0..<3).map { _ in -2 + 6 * stream.uniform() }
        let z = (0..<3).map { _ in stream.normal() }
        #expect(data.features == xs.map { Float($0) })
        #expect(data.targets == (0..<3).map { Float(sin(xs[$0]) + 0.5 * z[$0]) })
        let range = SineGenerator(samples: 500, low: 1, high: 1.5, noise: 0).generate(seed: 4)
        #expect(range.features.allSatisfy { $0 >= 1 && $0 <= 1.5 })
    }

    /// 2 features, 1 hidden unit, 1 output, no noise: y = tanh((x0 w1_0 + x1 w1_1) / √2) · w2 / √1, with the
    /// ziggurat draws in order W1 (2), W2 (1), x (samples × 2), each rounded to float32.
    @Test func teacherRegressionByHand() {
        let data = TeacherRegressionGenerator(samples: 3, features: 2, hidden: 1, outputs: 1, noise: 0).generate(seed: 6)
        #expect(data.isRegression && data.targetWidth == 1 && data.featureCount == 2 && data.count == 3)
        var stream = RandomStream(seed: 6, key: "data/teacher_regression")
        let draws = (0..<9).map { _ in Double(Float(ZigguratNormal.shared.next(&stream))) }
        let (w10, w11, w2) = (draws[0], draws[1], draws[2])
        for row in 0..<3 {
            let x0 = draws[3 + 2 * row], x1 = draws[4 + 2 * row]
            #expect(data.features[2 * row] == Float(x0) && data.features[2 * row + 1] == Float(x1))
            #expect(data.targets[row] == Float(tanh((x0 * w10 + x1 * w11) / 2.0.squareRoot()) * w2))
        }
        // Several outputs: targets row-major, samples × outputs.
        let wide = TeacherRegressionGenerator(samples: 7, features: 3, hidden: 5, outputs: 4, noise: 0.1).generate(seed: 1)
        #expect(wide.targets.count == 28 && wide.targetWidth == 4 && wide.features.count == 21)
    }
}
