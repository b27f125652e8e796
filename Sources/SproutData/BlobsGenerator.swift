import SproutRandom

/// Isotropic Gaussian blobs, scikit-learn's `make_blobs` with its default box: `centers` points drawn uniformly
/// in [−10, 10)^features, then `samples` points split among them as scikit-learn does (`samples / centers` each,
/// rounded down, and one more for each of the first `samples % centers` centers), each point
///
///     x = center_c + std · z,   z ~ N(0, I)
///
/// labelled by its center c. From the stream keyed `data/blobs`: first the centers, row by row, each coordinate
/// `−10 + 20 · uniform()`; then the normals of every point, row by row, class 0's points first, by
/// `ZigguratNormal` (for many features), each normal rounded to float32 as `fill` writes it; x computed in Double
/// and rounded once. The classes are balanced to within one point.
public struct BlobsGenerator: Sendable {
    /// scikit-learn's `center_box` default, (−10, 10).
    public static let box = 10.0

    public var samples: Int
    public var centers: Int
    public var features: Int
    public var std: Double

    public init(samples: Int, centers: Int, features: Int, std: Double) {
        self.samples = samples
        self.centers = centers
        self.features = features
        self.std = std
    }

    /// Points of each center: `samples / centers`, plus one for the first `samples % centers`.
    public var counts: [Int] {
        let k = max(centers, 1), n = max(samples, 0)
        return (0..<k).map { n / k + ($0 < n % k ? 1 : 0) }
    }

    public func generate(seed: UInt64) -> Dataset {
        var stream = RandomStream(seed: seed, key: "data/blobs")
        let k = max(centers, 1), d = max(features, 0), n = counts.reduce(0, +)
        let middles = (0..<(k * d)).map { _ in -Self.box + 2 * Self.box * stream.uniform() }
        var normals = [Float](repeating: 0, count: n * d)
        normals.withUnsafeMutableBufferPointer { ZigguratNormal.shared.fill($0, from: &stream) }
        var features = [Float](repeating: 0, count: n * d)
        var labels: [Int32] = []
        labels.reserveCapacity(n)
        var row = 0
        for (c, count) in counts.enumerated() {
            for _ in 0..<count {
                for j in 0..<d {
                    features[row * d + j] = Float(middles[c * d + j] + std * Double(normals[row * d + j]))
                }
                labels.append(Int32(c))
                row += 1
            }
        }
        return Dataset(features: features, labels: labels, featureCount: d, classCount: k)
    }
}
