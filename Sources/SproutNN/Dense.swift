import SproutRandom

/// A fully connected layer, PyTorch's `nn.Linear`: `y = x W^T + b`.
///
/// Shapes: `x: (batch, inputs) -> y: (batch, units)`, `W: [units, inputs]` row-major (PyTorch's layout, so
/// checkpoints need no transposition), `b: [units]`.
///
/// Every product is one call through `MatrixKernel` (row-major; libxsmm or OpenBLAS by its shape, `SmallProducts`):
/// - forward  `y = x W^T (+ b)`: `op(A) = x (batch, inputs)`, `op(B) = W^T` (`W` stored `[units, inputs]`, so
///   `transB` on OpenBLAS; on libxsmm `x · (Wᵀ)` with `Wᵀ` copied first, `transposedWeight`), after broadcasting
///   `b` into `y` (beta 1), or beta 0 without bias;
/// - backward `dW += dy^T x` (beta 1) and `dx = dy W` (beta 0, or 1 when another consumer already wrote `dx`);
///   `db += 1^T dy`, the column sums of `dy`, is a plain loop (`addColumnSums`): as a BLAS call with one row it
///   paid sgemm's packing for a few hundred additions.
///
/// A layer with a constant weight initializer computes these products with `MatrixKernel.tiePreserving` instead of
/// OpenBLAS, so that its units stay bit-identical (see MatrixKernel.swift for what OpenBLAS does).
final class Dense: Layer {
    let name: String
    let inputs: Int
    let units: Int
    let weight: Parameter
    let bias: Parameter?
    let weightInitializer: Initializer
    let biasInitializer: Initializer
    let kernel: MatrixKernel
    /// `Wᵀ [inputs, units]`, rewritten from `W` by every forward that libxsmm computes: libxsmm 1.17 has no kernel
    /// for the row-major `x Wᵀ` (a transposed column-major A), but has one for `x · (Wᵀ)`, and one pass over the
    /// weights (`units · inputs` copies against `batch · units · inputs` multiply-adds) costs less than OpenBLAS's
    /// packing on these small products (docs/performance.md; `Transpose.matrix`). Rewritten on every forward, never kept across steps,
    /// so it can never be stale. Allocated once, with the layer, for a layer that libxsmm computes at a batch of
    /// `smallestTransposedBatch` (at most 2²² / 8 floats, 2 MiB: never more than the weight itself); one float
    /// otherwise, and such a layer's forward stays on OpenBLAS.
    private let transposedWeight: FloatBuffer
    /// The smallest batch for which a layer keeps a transposed copy of its weight: a layer so large that only
    /// smaller batches fit libxsmm's limit would keep a copy used only by such batches (single-example predictions).
    static let smallestTransposedBatch = 8
    var outputWidth: Int { units }
    var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

    init(name: String, inputs: Int, units: Int, bias hasBias: Bool,
         weightInitializer: Initializer, biasInitializer: Initializer) {
        self.name = name
        self.inputs = inputs
        self.units = units
        self.weight = Parameter(name: "\(name).weight", shape: [units, inputs])
        self.bias = hasBias ? Parameter(name: "\(name).bias", shape: [units]) : nil
        self.weightInitializer = weightInitializer
        self.biasInitializer = biasInitializer
        self.kernel = weightInitializer.isConstant ? .tiePreserving : .library(SmallProducts())
        let small = SmallProducts.computes(m: Dense.smallestTransposedBatch, n: units, k: inputs)
        self.transposedWeight = FloatBuffer(capacity: small && !weightInitializer.isConstant ? units * inputs : 1)
    }

    /// Weight and bias both use the layer's fans (`fanIn = inputs`, `fanOut = units`), as PyTorch's `nn.Linear`.
    func initialize(seed: UInt64) {
        var weightStream = RandomStream(seed: seed, key: "init/\(weight.name)")
        weightInitializer.fill(&weight.value, target: .denseWeight(units: units, inputs: inputs), stream: &weightStream)
        if let bias {
            var biasStream = RandomStream(seed: seed, key: "init/\(bias.name)")
            biasInitializer.fill(&bias.value, target: .denseBias(units: units, inputs: inputs), stream: &biasStream)
        }
    }

    /// Dispatches the libxsmm kernels of this batch size's products (those it computes: `SmallProducts`), with the
    /// betas the step uses (the input gradient's both).
    func reserve(batch: Int) {
        kernel.prepare(transA: false, transB: false, m: batch, n: units, k: inputs, lda: inputs, ldb: units,
                       ldc: units, beta: bias == nil ? 0 : 1)
        kernel.prepare(transA: true, transB: false, m: units, n: inputs, k: batch, lda: units, ldb: inputs,
                       ldc: inputs, beta: 1)
        for beta: Float in [0, 1] {
            kernel.prepare(transA: false, transB: false, m: batch, n: inputs, k: units, lda: units, ldb: inputs,
                           ldc: inputs, beta: beta)
        }
    }

    /// `x: (batch, inputs) -> y: (batch, units)`, `y = x W^T + b`.
    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        var beta: Float = 0
        if let bias {
            bias.value.withUnsafeBufferPointer { b in
                guard let b = b.baseAddress else { return }
                for row in 0..<batch { (y + row * units).update(from: b, count: units) }
            }
            beta = 1
        }
        weight.value.withUnsafeBufferPointer { w in
            guard let w = w.baseAddress else { return }
            if case .library(let products) = kernel, transposedWeight.capacity >= units * inputs,
               let xsmm = products.kernel(transA: false, transB: false, m: batch, n: units, k: inputs, lda: inputs,
                                          ldb: units, ldc: units, beta: beta) {
                Transpose.matrix(w, rows: units, columns: inputs, into: transposedWeight.base)
                xsmm.run(a: x, b: transposedWeight.base, c: y)
            } else {
                kernel.gemm(transA: false, transB: true, m: batch, n: units, k: inputs,
                           alpha: 1, a: x, lda: inputs, b: w, ldb: inputs, beta: beta, c: y, ldc: units)
            }
        }
    }

    /// `dy: (batch, units) -> dx: (batch, inputs)`; adds `dy^T x` into `dW [units, inputs]` and the column sums of
    /// `dy` into `db [units]`.
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        weight.gradient.withUnsafeMutableBufferPointer { dw in
            guard let dw = dw.baseAddress else { return }
            kernel.gemm(transA: true, transB: false, m: units, n: inputs, k: batch,
                       alpha: 1, a: dy, lda: units, b: x, ldb: inputs, beta: 1, c: dw, ldc: inputs)
        }
        if let bias {
            bias.gradient.withUnsafeMutableBufferPointer { db in
                guard let db = db.baseAddress else { return }
                Dense.addColumnSums(of: dy, rows: batch, columns: units, into: db)
            }
        }
        if let dx {
            weight.value.withUnsafeBufferPointer { w in
                guard let w = w.baseAddress else { return }
                kernel.gemm(transA: false, transB: false, m: batch, n: inputs, k: units,
                           alpha: 1, a: dy, lda: units, b: w, ldb: inputs, beta: accumulate ? 1 : 0,
                           c: dx, ldc: inputs)
            }
        }
    }

    /// forward `(batch, units, inputs)`, `dW` `(units, inputs, batch)`, `dx` `(batch, inputs, units)`.
    func matrixProducts(batch: Int, inputGradient: Bool) -> [MatrixProduct] {
        [MatrixProduct(.forward, transA: false, transB: true, m: batch, n: units, k: inputs),
         MatrixProduct(.weightGradient, transA: true, transB: false, m: units, n: inputs, k: batch)]
            + (inputGradient ? [MatrixProduct(.inputGradient, transA: false, transB: false, m: batch, n: inputs, k: units)] : [])
    }

    /// `sums[j] += Σ_i m[i][j]` for a row-major `(rows, columns)` matrix: row by row, so the inner loop runs along
    /// contiguous memory and vectorizes, and every column is summed in the same order (rows 0, 1, …), which keeps
    /// identical columns bit-identical (the tie-preserving promise holds for biases too).
    static func addColumnSums(of m: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
        for i in 0..<rows {
            let row = m + i * columns
            for j in 0..<columns { sums[j] += row[j] }
        }
    }
}
