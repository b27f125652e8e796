import SproutRandom

/// The orthogonal initializer (Saxe, McClelland & Ganguli 2014, "Exact solutions to the nonlinear dynamics of
/// learning in deep linear neural networks"), exactly PyTorch's `nn.init.orthogonal_`:
///
/// 1. view the tensor as `rows × cols` (`rows` = its first dimension, `cols` = the rest: a weight `[out, in]` is
///    `out × in`, a bias `[out]` is `out × 1`), and fill that matrix from `N(0, 1)` in storage order;
/// 2. transpose it when `rows < cols`, so that the matrix `A` is `m × n` with `m >= n`;
/// 3. `A = QR` (reduced: `Q` is `m × n` with orthonormal columns), computed here by Householder reflections in
///    Double (Golub & Van Loan, "Matrix Computations", §5.2);
/// 4. multiply column `j` of `Q` by `sign(R[j][j])`, which makes the factorisation unique (R with a positive
///    diagonal), so `Q` is Haar-distributed (Mezzadri 2007, "How to generate random matrices from the classical
///    compact groups"); transpose back and multiply by `gain`.
///
/// The result has orthonormal rows (`W Wᵀ = gain² I`) when `rows <= cols`, orthonormal columns (`Wᵀ W = gain² I`)
/// otherwise. PyTorch multiplies by `torch.sign`, which is 0 for a zero diagonal entry; that happens with probability
/// 0 for a Gaussian matrix, and Sprout takes the sign +1 there so the result stays orthogonal.
extension Initializer {
    /// `rows × cols` row-major, the orthogonal matrix times `gain`, drawing `rows · cols` normals from `stream`.
    static func orthogonal(rows: Int, cols: Int, gain: Double, stream: inout RandomStream) -> [Double] {
        guard rows > 0, cols > 0 else { return [] }
        let tall = rows >= cols
        let m = max(rows, cols), n = min(rows, cols)
        var drawn = [Double](repeating: 0, count: rows * cols)
        for index in drawn.indices { drawn[index] = stream.normal() }
        // A, column-major m × n: A(i, j) at a[i + j * m]; the drawn matrix itself when tall, its transpose when wide.
        var a = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n { a[i + j * m] = tall ? drawn[i * cols + j] : drawn[j * cols + i] }
        }
        var q = [Double](repeating: 0, count: m * n)
        var signs = [Double](repeating: 1, count: n)
        a.withUnsafeMutableBufferPointer { a in
            q.withUnsafeMutableBufferPointer { q in
                var reflectors = [[Double]]()
                reflectors.reserveCapacity(n)
                for k in 0..<n {
                    let (v, diagonal) = householder(column: k, of: a, m: m, n: n)
                    reflectors.append(v)
                    signs[k] = diagonal < 0 ? -1 : 1
                }
                // Q = H₀ H₁ ⋯ Hₙ₋₁ applied to the first n columns of the m × m identity, innermost first.
                for j in 0..<n { q[j + j * m] = 1 }
                for k in stride(from: n - 1, through: 0, by: -1) {
                    reflect(reflectors[k], from: k, columns: 0..<n, of: q, m: m)
                }
            }
        }
        var result = [Double](repeating: 0, count: rows * cols)
        for i in 0..<m {
            for j in 0..<n {
                let value = gain * signs[j] * q[i + j * m]
                if tall { result[i * cols + j] = value } else { result[j * cols + i] = value }
            }
        }
        return result
    }

    /// The Householder reflection `H = I - 2 v vᵀ` (unit `v`, zero above row k) that zeroes column k of A below
    /// the diagonal, applied to columns k..<n of A; returns `v` (entries k..<m) and `R[k][k] = -sign(x₀) ‖x‖`.
    private static func householder(column k: Int, of a: UnsafeMutableBufferPointer<Double>, m: Int, n: Int)
        -> ([Double], Double) {
        var v = [Double](repeating: 0, count: m - k)
        var normSquared = 0.0
        for i in k..<m {
            v[i - k] = a[i + k * m]
            normSquared += v[i - k] * v[i - k]
        }
        let norm = normSquared.squareRoot()
        guard norm > 0 else { return ([Double](repeating: 0, count: m - k), 0) }
        let diagonal = v[0] >= 0 ? -norm : norm
        v[0] -= diagonal
        let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard vNorm > 0 else { return ([Double](repeating: 0, count: m - k), diagonal) }
        for i in v.indices { v[i] /= vNorm }
        reflect(v, from: k, columns: k..<n, of: a, m: m)
        return (v, diagonal)
    }

    /// `X[k..<m, columns] -= 2 v (vᵀ X[k..<m, columns])` for a column-major X with m rows.
    private static func reflect(_ v: [Double], from k: Int, columns: Range<Int>,
                                of x: UnsafeMutableBufferPointer<Double>, m: Int) {
        v.withUnsafeBufferPointer { v in
            for j in columns {
                let base = j * m + k
                var dot = 0.0
                for i in v.indices { dot += v[i] * x[base + i] }
                let scale = 2 * dot
                for i in v.indices { x[base + i] -= scale * v[i] }
            }
        }
    }
}
