import SproutRandom

/// Inputs labelled by a fixed random linear teacher, the benchmark's W3 and W4 data (shared/bench/torch_ref.py
/// `teacher_data`): a teacher `W ~ N(0, 1)` of shape [features, classes], inputs `x ~ N(0, 1)` of shape
/// [samples, features], and
///
///     label_i = argmax_c  Σ_j x[i, j] · W[j, c]      (the first c on ties)
///
/// with `x` and `W` rounded to float32 (the values the dataset holds and the benchmark uses) and every score summed
/// in Double in feature order j = 0, 1, ….
///
/// Draws from the stream keyed `data/teacher` of the seed, by `ZigguratNormal` (47 M normals for a 60000 × 784
/// set: `RandomStream.normal()` alone would take over a second): first the teacher, `W[0, 0], W[0, 1], …` row by
/// row (features × classes draws), then the inputs row by row, so the teacher depends on the seed and the shape
/// only. A linear teacher makes a learnable task of any width whose best accuracy is 100%, and its classes come
/// out roughly balanced, since the columns of `W` are exchangeable.
public struct TeacherGenerator: Sendable {
    public var samples: Int
    public var features: Int
    public var classes: Int

    public init(samples: Int, features: Int, classes: Int) {
        self.samples = samples
        self.features = features
        self.classes = classes
    }

    public func generate(seed: UInt64) -> Dataset {
        var stream = RandomStream(seed: seed, key: "data/teacher")
        let normal = ZigguratNormal.shared
        let n = max(samples, 0), d = max(features, 0), k = max(classes, 1)
        // The teacher's rows padded with zero columns to a multiple of 8 (see `labels`); the padding draws nothing.
        let width = Self.paddedWidth(k)
        var teacher = [Float](repeating: 0, count: d * width)
        teacher.withUnsafeMutableBufferPointer { t in
            for j in 0..<d {
                normal.fill(UnsafeMutableBufferPointer(rebasing: t[(j * width)..<(j * width + k)]), from: &stream)
            }
        }
        let inputs = [Float](unsafeUninitializedCapacity: n * d) { buffer, count in
            normal.fill(UnsafeMutableBufferPointer(rebasing: buffer[0..<(n * d)]), from: &stream)
            count = n * d
        }
        let labels = Self.labels(inputs: inputs, teacher: teacher, samples: n, features: d, classes: k)
        return Dataset(features: inputs, labels: labels, featureCount: d, classCount: k)
    }

    /// `classes` rounded up to a multiple of 8: the width of the padded teacher's rows.
    static func paddedWidth(_ classes: Int) -> Int { (classes + 7) / 8 * 8 }

    /// `argmax_c Σ_j x[i, j] · W[j, c]` for every row i, with `teacher` [features, paddedWidth(classes)] (zero
    /// padding columns, never chosen). Eight classes at a time, their eight Double scores held in one SIMD
    /// register set over the whole feature loop: each lane is still the plain sequential sum over j, so the result
    /// is the scalar definition's, bit for bit.
    static func labels(inputs: [Float], teacher: [Float], samples n: Int, features d: Int, classes k: Int) -> [Int32] {
        let width = paddedWidth(k)
        var labels = [Int32](repeating: 0, count: n)
        guard n > 0, d > 0, k > 1 else { return labels }
        var scores = [Double](repeating: 0, count: width)
        inputs.withUnsafeBufferPointer { x in
            teacher.withUnsafeBytes { w in
                for i in 0..<n {
                    let row = i * d
                    for block in stride(from: 0, to: width, by: 8) {
                        var sum = SIMD8<Double>()
                        var offset = block * MemoryLayout<Float>.stride
                        for j in 0..<d {
                            let column = SIMD8<Double>(w.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self))
                            sum += Double(x[row + j]) * column
                            offset += width * MemoryLayout<Float>.stride
                        }
                        for lane in 0..<8 { scores[block + lane] = sum[lane] }
                    }
                    var best = 0
                    for c in 1..<k where scores[c] > scores[best] { best = c }
                    labels[i] = Int32(best)
                }
            }
        }
        return labels
    }
}
