/// A fully connected layer, PyTorch's `nn.Linear`: `y = x W^T + b`.
///
/// Shapes: `x: (batch, inputs) -> y: (batch, units)`, `W: [units, inputs]` row-major (PyTorch's layout, so
/// checkpoints need no transposition), `b: [units]`.
///
/// Every product is one `cblas_sgemm` call (row-major):
/// - forward  `y = x W^T (+ b)`: `op(A) = x (batch, inputs)`, `op(B) = W^T` (`W` stored `[units, inputs]`, so
///   `transB`), after broadcasting `b` into `y` (beta 1), or beta 0 without bias;
/// - backward `dW += dy^T x` (beta 1), `db += 1^T dy` (a row of ones times `dy`, beta 1) and `dx = dy W`
///   (beta 0, or 1 when another consumer already wrote `dx`).
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
    /// A row of `batch` ones for the bias gradient product; sized by `reserve(batch:)`.
    private let ones = FloatBuffer(capacity: 1)
    private var onesCount = 0

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
        self.kernel = weightInitializer.isConstant ? .tiePreserving : .blas
    }

    /// Weight and bias both use the layer's fans (`fanIn = inputs`, `fanOut = units`), as PyTorch's `nn.Linear`.
    func initialize(seed: UInt64) {
        var weightStream = RandomStream(seed: seed, key: "init/\(weight.name)")
        weightInitializer.fill(&weight.value, fanIn: inputs, fanOut: units, stream: &weightStream)
        if let bias {
            var biasStream = RandomStream(seed: seed, key: "init/\(bias.name)")
            biasInitializer.fill(&bias.value, fanIn: inputs, fanOut: units, stream: &biasStream)
        }
    }

    func reserve(batch: Int) {
        guard batch > onesCount else { return }
        ones.reserve(batch)
        ones.base.update(repeating: 1, count: batch)
        onesCount = batch
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
            kernel.gemm(transA: false, transB: true, m: batch, n: units, k: inputs,
                       alpha: 1, a: x, lda: inputs, b: w, ldb: inputs, beta: beta, c: y, ldc: units)
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
            let onesRow = UnsafePointer(ones.base)
            bias.gradient.withUnsafeMutableBufferPointer { db in
                guard let db = db.baseAddress else { return }
                kernel.gemm(transA: false, transB: false, m: 1, n: units, k: batch,
                           alpha: 1, a: onesRow, lda: batch, b: dy, ldb: units, beta: 1, c: db, ldc: units)
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
}
