#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard normal draws by the ziggurat method (G. Marsaglia & W. W. Tsang, "The ziggurat method for generating
/// random variables", J. Statistical Software 5(8), 2000), with 256 layers and 52-bit uniforms as in NumPy's
/// `standard_normal`. It exists for the generators that need tens of millions of normals: for the 47 M inputs of a
/// 60000 × 784 teacher dataset, `RandomStream.normal()` (Box-Muller: a logarithm, a sine and a cosine per pair)
/// took 1.2 s in a release build, `fill` 0.19 s, since 99% of draws cost one 64-bit word, a multiplication and a
/// comparison. The numbers differ from `normal()`'s: a different transform of the same stream.
///
/// The density `f(x) = exp(-x²/2)` (unnormalized) is covered by 256 regions of equal area `v`: a base region (the
/// rectangle [0, r] × [0, f(r)] and the tail beyond `r`), and 255 horizontal layers, layer i (1 ≤ i ≤ 255) the
/// rectangle [0, x_i] × [f(x_i), f(x_{i-1})] with `x_255 = r`, `x_{i-1} = f⁻¹(f(x_i) + v / x_i)`, and the top layer
/// reaching f = 1. `r = 3.6541528853610088` is the value for which the top layer's area is also `v`;
/// `v = r f(r) + √(π/2) erfc(r / √2)` (the base region: its rectangle plus the tail's integral). One draw:
///
/// 1. w = stream.nextUInt64(): layer i = its low 8 bits, sign = bit 8, a = bits 9...60 (52 bits, uniform in
///    [0, 2^52)); x = ±a · x_i / 2^52 (layer 0 uses the base region's width v / f(r)).
/// 2. If |x| < x_{i-1} (layer 0: |x| < r), x lies under the curve in every case: return it (99.3% of draws).
/// 3. Layer 0 beyond r, the tail (Marsaglia 1964): t = -ln(1 - u1) / r, s = -ln(1 - u2) with u1, u2 =
///    stream.uniform(), repeated until 2s > t²; return ±(r + t).
/// 4. Otherwise, a wedge: y = f(x_i) + u · (f(x_{i-1}) - f(x_i)); return x if y < f(x), else start again at 1.
///
/// The tables are computed once, in Double; the top layer's area then differs from `v` by 1.4e-13 relatively.
public struct ZigguratNormal: Sendable {
    /// The right edge of the base layer for 256 layers (NumPy's `ziggurat_nor_r`).
    public static let r = 3.6541528853610088
    /// 2^52: `a` is a 52-bit integer.
    static let scale = 4_503_599_627_370_496.0

    /// Acceptance thresholds: a draw of layer i with a < k[i] is under the curve.
    let k: [UInt64]
    /// x_i / 2^52: the layer's width per unit of `a`.
    let w: [Double]
    /// f(x_i); f[0] = 1, the top of the curve.
    let f: [Double]

    public static let shared = ZigguratNormal()

    init() {
        let r = Self.r, scale = Self.scale
        func density(_ x: Double) -> Double { exp(-0.5 * x * x) }
        let v = r * density(r) + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
        var x = [Double](repeating: 0, count: 256)
        x[0] = v / density(r)  // the base region's width if it were a rectangle of area v
        x[255] = r
        for i in stride(from: 255, to: 1, by: -1) {
            x[i - 1] = (-2 * log(v / x[i] + density(x[i]))).squareRoot()
        }
        var k = [UInt64](repeating: 0, count: 256)
        k[0] = UInt64(r / x[0] * scale)
        for i in 2..<256 { k[i] = UInt64(x[i - 1] / x[i] * scale) }  // k[1] = 0: the top layer is all wedge
        self.k = k
        self.w = x.map { $0 / scale }
        self.f = [1] + x[1...].map(density)
    }

    /// One standard normal draw from `stream`. For many draws use `fill`, which reaches the tables once.
    public func next(_ stream: inout RandomStream) -> Double {
        k.withUnsafeBufferPointer { k in
            w.withUnsafeBufferPointer { w in
                f.withUnsafeBufferPointer { f in Self.draw(&stream, k, w, f) }
            }
        }
    }

    /// Fills `buffer` with standard normal draws from `stream`, in order, each rounded to Float.
    public func fill(_ buffer: UnsafeMutableBufferPointer<Float>, from stream: inout RandomStream) {
        k.withUnsafeBufferPointer { k in
            w.withUnsafeBufferPointer { w in
                f.withUnsafeBufferPointer { f in
                    for index in buffer.indices { buffer[index] = Float(Self.draw(&stream, k, w, f)) }
                }
            }
        }
    }

    /// A draw of the normal conditioned on z > r (Marsaglia 1964): t = -ln(1 - u1) / r, s = -ln(1 - u2), repeated
    /// until 2s > t²; then r + t.
    static func tail(_ stream: inout RandomStream) -> Double {
        while true {
            let t = -log1p(-stream.uniform()) / r
            let s = -log1p(-stream.uniform())
            if s + s > t * t { return r + t }
        }
    }

    @inline(__always)
    static func draw(_ stream: inout RandomStream, _ k: UnsafeBufferPointer<UInt64>, _ w: UnsafeBufferPointer<Double>,
                     _ f: UnsafeBufferPointer<Double>) -> Double {
        while true {
            let bits = stream.nextUInt64()
            let i = Int(truncatingIfNeeded: bits & 0xff)
            let negative = (bits >> 8) & 1 == 1
            let a = (bits >> 9) & 0x000f_ffff_ffff_ffff
            // ±a · w[i]: bit 8 becomes the sign bit, without a branch (it is a coin flip, which no predictor learns).
            let x = Double(bitPattern: (Double(Int64(bitPattern: a)) * w[i]).bitPattern | ((bits & 0x100) << 55))
            if a < k[i] { return x }
            if i == 0 { return negative ? -tail(&stream) : tail(&stream) }
            if f[i] + stream.uniform() * (f[i - 1] - f[i]) < exp(-0.5 * x * x) { return x }
        }
    }
}
