import SproutRandom
import SproutShapes

/// A 2-D convolution, PyTorch's `nn.Conv2d` (a cross-correlation: the kernel is not flipped), with stride, per-side
/// zero padding, dilation and groups.
///
/// Shapes: `x: (batch, C · H · W) -> y: (batch, F · OH · OW)`, each row an image in NCHW order (`[C, H, W]` ->
/// `[F, OH, OW]`, `OH`, `OW` by PyTorch's formula, `Window2D.output`); `W: [F, C/G, kh, kw]` row-major and
/// `b: [F]`, named `<node>.weight` and `<node>.bias` as in PyTorch's state_dict, so a checkpoint loads into the
/// equivalent `torch.nn.Conv2d`. Group `g` (G groups) reads channels `g · C/G ..< (g + 1) · C/G` and writes filters
/// `g · F/G ..< (g + 1) · F/G`.
///
/// Per example, with `X = im2col(x)` (`(C · kh · kw, OH · OW)`, Im2Col.swift) and `X_g` its rows of group g
/// (`K = C/G · kh · kw` of them, contiguous), `W_g` the `(F/G, K)` rows of the flattened weight, `y_g`, `dy_g` the
/// `(F/G, OH · OW)` planes of the group's filters, every product one call through `MatrixKernel` (libxsmm or
/// OpenBLAS by its shape, `SmallProducts`):
/// - forward  `y_g = W_g X_g (+ b)`: `b` broadcast into `y` first, then beta 1 (beta 0 without a bias);
/// - backward `dW_g += dy_g X_gᵀ` (beta 1), `dX_g = W_gᵀ dy_g` (beta 0), then `dx = col2im(dX)`, added into `dx`
///   (cleared first unless `accumulate`, the Layer rule); `db_f += Σ_p dy_fp`, one sequential sum per filter.
///
/// Per example, not batched: measured in a release build with one BLAS thread on LeNet-5's two convolutions at
/// batch 64, one product over the whole batch (`X` as `(K, batch · OH · OW)`, then a transpose into NCHW) was no
/// faster for `y` and `dW` (within the 5% noise) and 40% slower for the first layer's `dX`, and it needs two more
/// batch-sized buffers. The columns of the whole batch are kept from forward for backward when they fit
/// `keptColumnsLimit` floats (they are then not built twice); beyond it backward rebuilds each example's columns.
/// Both give the same bits.
///
/// A constant weight initializer (every filter equal) switches to `MatrixKernel.tiePreserving`, so that the filters
/// stay bit-identical while training (the symmetry experiment); im2col, col2im and the bias sums treat every filter
/// and channel with the same sequence of operations too.
final class Conv2D: Layer {
    let name: String
    let geometry: SlidingWindow
    let filters: Int
    let groups: Int
    let weight: Parameter
    let bias: Parameter?
    let weightInitializer: Initializer
    let biasInitializer: Initializer
    let kernel: MatrixKernel
    /// `F / G` and `K = C/G · kh · kw`: one group's product is `(F/G, K) × (K, OH · OW)`.
    let filtersPerGroup: Int
    let columnsPerGroup: Int
    /// The im2col buffers' sizes (`ConvolutionColumns`, shared with the memory estimate, SproutConfig's
    /// `ResourceRules`): `columns` holds the batch's columns when they fit `keptColumnsLimit`, else one example's;
    /// `columnGradient` one example's.
    let columnCounts: ConvolutionColumns
    /// One example's im2col, `C · kh · kw · OH · OW` floats (`ConvolutionColumns.perExample`).
    var exampleColumns: Int { columnCounts.perExample }
    /// `ConvolutionColumns.keptLimit`, 16 Mi floats (64 MiB): the most columns of a batch kept from forward for
    /// backward. Tests lower it to force the rebuild.
    var keptColumnsLimit = ConvolutionColumns.keptLimit

    private let columns = FloatBuffer(capacity: 1)
    private let columnGradient = FloatBuffer(capacity: 1)
    private var keepsColumns = false

    var inputWidth: Int { geometry.channels * geometry.inputPlane }
    var outputWidth: Int { filters * geometry.outputPlane }
    var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

    /// The caller (`Network+ImageBuild`) has checked the sizes: groups divide channels and filters, and every
    /// product below fits BLAS's 32-bit dimensions.
    init(name: String, geometry: SlidingWindow, filters: Int, groups: Int, bias hasBias: Bool,
         weightInitializer: Initializer, biasInitializer: Initializer) {
        self.name = name
        self.geometry = geometry
        self.filters = filters
        self.groups = groups
        let window = geometry.window
        weight = Parameter(name: "\(name).weight",
                           shape: [filters, geometry.channels / groups, window.kernelHeight, window.kernelWidth])
        bias = hasBias ? Parameter(name: "\(name).bias", shape: [filters]) : nil
        self.weightInitializer = weightInitializer
        self.biasInitializer = biasInitializer
        kernel = weightInitializer.isConstant ? .tiePreserving : .library(SmallProducts())
        filtersPerGroup = filters / groups
        columnsPerGroup = geometry.channels / groups * window.kernelHeight * window.kernelWidth
        columnCounts = ConvolutionColumns(channels: geometry.channels, kernelHeight: window.kernelHeight,
                                          kernelWidth: window.kernelWidth, outputPlane: geometry.outputPlane)
    }

    /// PyTorch's fans for a convolution (`InitializerTarget.convolutionWeight`); the bias takes the weight's.
    func initialize(seed: UInt64) {
        let window = geometry.window
        var weightStream = RandomStream(seed: seed, key: "init/\(weight.name)")
        weightInitializer.fill(&weight.value, target: .convolutionWeight(
            filters: filters, channels: geometry.channels, groups: groups, kernelHeight: window.kernelHeight,
            kernelWidth: window.kernelWidth), stream: &weightStream)
        if let bias {
            var biasStream = RandomStream(seed: seed, key: "init/\(bias.name)")
            biasInitializer.fill(&bias.value, target: .convolutionBias(
                filters: filters, channels: geometry.channels, groups: groups, kernelHeight: window.kernelHeight,
                kernelWidth: window.kernelWidth), stream: &biasStream)
        }
    }

    func reserve(batch: Int) {
        keepsColumns = columnCounts.keepsBatch(batch, limit: keptColumnsLimit)
        columns.reserve(columnCounts.columns(batch: batch, limit: keptColumnsLimit))
        columnGradient.reserve(exampleColumns)
        // The per-example products' libxsmm kernels (the same for every batch size): forward, input gradient.
        let plane = geometry.outputPlane
        kernel.prepare(transA: false, transB: false, m: filtersPerGroup, n: plane, k: columnsPerGroup,
                       lda: columnsPerGroup, ldb: plane, ldc: plane, beta: bias == nil ? 0 : 1)
        kernel.prepare(transA: true, transB: false, m: columnsPerGroup, n: plane, k: filtersPerGroup,
                       lda: columnsPerGroup, ldb: plane, ldc: plane, beta: 0)
    }

    /// `x: (batch, C · H · W) -> y: (batch, F · OH · OW)`, `y_g = W_g im2col(x)_g + b`.
    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        let plane = geometry.outputPlane, perGroup = columnsPerGroup, groupFilters = filtersPerGroup
        weight.value.withUnsafeBufferPointer { w in
            guard let w = w.baseAddress else { return }
            for n in 0..<batch {
                let cols = columns.base + (keepsColumns ? n * exampleColumns : 0)
                geometry.im2col(x + n * inputWidth, cols)
                let yn = y + n * outputWidth
                var beta: Float = 0
                if let bias {
                    bias.value.withUnsafeBufferPointer { b in
                        for f in 0..<filters { (yn + f * plane).update(repeating: b[f], count: plane) }
                    }
                    beta = 1
                }
                for g in 0..<groups {
                    kernel.gemm(transA: false, transB: false, m: groupFilters, n: plane, k: perGroup,
                                alpha: 1, a: w + g * groupFilters * perGroup, lda: perGroup,
                                b: cols + g * perGroup * plane, ldb: plane,
                                beta: beta, c: yn + g * groupFilters * plane, ldc: plane)
                }
            }
        }
    }

    /// `dy: (batch, F · OH · OW) -> dx: (batch, C · H · W)`; adds `dy_g X_gᵀ` into `dW [F, C/G, kh, kw]` and the
    /// per-filter sums of `dy` into `db [F]`.
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        let plane = geometry.outputPlane, perGroup = columnsPerGroup, groupFilters = filtersPerGroup
        let dcols = columnGradient.base
        weight.gradient.withUnsafeMutableBufferPointer { dw in
            weight.value.withUnsafeBufferPointer { w in
                guard let dw = dw.baseAddress, let w = w.baseAddress else { return }
                for n in 0..<batch {
                    let cols: UnsafeMutablePointer<Float>
                    if keepsColumns {
                        cols = columns.base + n * exampleColumns
                    } else {
                        cols = columns.base
                        geometry.im2col(x + n * inputWidth, cols)
                    }
                    let dyn = dy + n * outputWidth
                    for g in 0..<groups {
                        kernel.gemm(transA: false, transB: true, m: groupFilters, n: perGroup, k: plane,
                                    alpha: 1, a: dyn + g * groupFilters * plane, lda: plane,
                                    b: cols + g * perGroup * plane, ldb: plane,
                                    beta: 1, c: dw + g * groupFilters * perGroup, ldc: perGroup)
                    }
                    guard let dx else { continue }
                    for g in 0..<groups {
                        kernel.gemm(transA: true, transB: false, m: perGroup, n: plane, k: groupFilters,
                                    alpha: 1, a: w + g * groupFilters * perGroup, lda: perGroup,
                                    b: dyn + g * groupFilters * plane, ldb: plane,
                                    beta: 0, c: dcols + g * perGroup * plane, ldc: plane)
                    }
                    let dxn = dx + n * inputWidth
                    if !accumulate { dxn.update(repeating: 0, count: inputWidth) }
                    geometry.col2imAdding(dcols, into: dxn)
                }
            }
        }
        if let bias {
            bias.gradient.withUnsafeMutableBufferPointer { db in
                guard let db = db.baseAddress else { return }
                PlaneSums.add(dy, batch: batch, planes: filters, planeSize: plane, into: db)
            }
        }
    }

    /// Per example and group: forward `(F/G, OH · OW, K)`, `dW` `(F/G, K, OH · OW)`, `dX` `(K, OH · OW, F/G)`.
    func matrixProducts(batch: Int, inputGradient: Bool) -> [MatrixProduct] {
        let plane = geometry.outputPlane, count = batch * groups
        return [MatrixProduct(.forward, transA: false, transB: false, m: filtersPerGroup, n: plane, k: columnsPerGroup,
                              count: count),
                MatrixProduct(.weightGradient, transA: false, transB: true, m: filtersPerGroup, n: columnsPerGroup,
                              k: plane, count: count)]
            + (inputGradient ? [MatrixProduct(.inputGradient, transA: true, transB: false, m: columnsPerGroup, n: plane,
                                              k: filtersPerGroup, count: count)] : [])
    }
}
