/// Average pooling, PyTorch's `nn.AvgPool2d(kernel, stride, padding, ceil_mode=False, count_include_pad)`: the
/// mean of each window, channel by channel.
///
/// Shapes: `x: (batch, C · H · W) -> y: (batch, C · OH · OW)` (`[C, H, W]` -> `[C, OH, OW]`, PyTorch's size
/// formula); no parameters. No dilation (PyTorch's AvgPool2d has none; the network refuses one).
///
/// Forward: `y[c, oh, ow] = (Σ x over the window's real cells) / d`, the cells summed in window order (kernel row,
/// then column), and
/// - `countIncludePad` (PyTorch's default): `d = kh · kw`. Padding counts as zeros. PyTorch divides by the window
///   clipped to the padded input, `(min(top + kh, H + pad) - top) · (...)`, but with `ceil_mode=False` no window
///   passes the padded edge (the last starts at `(OH - 1) · sh - pad <= H + pad - kh`), so that is always `kh · kw`;
/// - otherwise `d` = the number of real cells in the window (at least 1 when the padding is at most half the
///   kernel, which the network requires as PyTorch does).
/// Backward: every real cell of a window gets `dy / d` added (overlapping windows add), after clearing `dx` unless
/// `accumulate`; `dy / d` is PyTorch's `grad_delta`.
final class AvgPool2D: Layer {
    let geometry: SlidingWindow
    let countIncludePad: Bool
    /// `kernelRows(oh)` per output row, `kernelColumns(ow)` per output column (the divisors without padding) and
    /// `validOutputColumns(kj)` per kernel column of `touchedColumns` (the kernel columns that read a real cell
    /// somewhere; the sweep), built once: `O(OH + OW + W)` values, whatever the kernel.
    private let rowTable: [Int]
    private let columnTable: [Int]
    private let touchedColumns: Range<Int>
    private let outputColumnTable: [Int]
    /// `kh · kw` as a Float, `count_include_pad`'s divisor: the product taken in Int (checked), then rounded once.
    private let windowArea: Float
    /// One output row's `dy / d`, `[OW]`: backward's scratch, sized once.
    private let shares: FloatBuffer

    /// Nil when `kh · kw` overflows an Int. A config cannot ask for it (each side is below 2³¹, so the product is
    /// below 2⁶²), but a model.json rebuilt for `sprout predict` can hold any numbers: a trap there would be a
    /// crash on a file's contents.
    init?(geometry: SlidingWindow, countIncludePad: Bool) {
        let (area, overflow) = geometry.window.kernelHeight.multipliedReportingOverflow(by: geometry.window.kernelWidth)
        guard !overflow else { return nil }
        windowArea = Float(area)
        self.geometry = geometry
        self.countIncludePad = countIncludePad
        rowTable = geometry.kernelRowTable()
        columnTable = geometry.kernelColumnTable()
        touchedColumns = geometry.touchedKernelColumns()
        outputColumnTable = geometry.outputColumnTable(touchedColumns)
        shares = FloatBuffer(capacity: geometry.outputWidth)
    }

    var inputWidth: Int { geometry.channels * geometry.inputPlane }
    var outputWidth: Int { geometry.channels * geometry.outputPlane }
    var parameters: [Parameter] { [] }

    func initialize(seed: UInt64) {}

    func reserve(batch: Int) {}

    /// `x: (batch, C · H · W) -> y: (batch, C · OH · OW)`, the mean of each window. An output row is swept one
    /// kernel offset at a time along the outputs that read a real cell there (each output still adds its cells in
    /// window order, and no table is read per cell), then divided. Only the kernel rows and columns that land on the
    /// image are visited (`kernelRows(oh)`, `touchedColumns`): `O(input + output · real cells)`, whatever the kernel.
    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        let g = geometry, inPlane = g.inputPlane, outPlane = g.outputPlane, outW = g.outputWidth
        let sw = g.window.strideWidth, window = windowArea, touched = touchedColumns
        rowTable.withUnsafeBufferPointer { rowBounds in
            columnTable.withUnsafeBufferPointer { kernelColumns in
                outputColumnTable.withUnsafeBufferPointer { columnBounds in
                    for plane in 0..<(batch * g.channels) {
                        let input = x + plane * inPlane
                        for oh in 0..<g.outputHeight {
                            let sum = y + plane * outPlane + oh * outW
                            for ow in 0..<outW { sum[ow] = 0 }
                            let top = g.windowTop(oh), rowLower = rowBounds[2 * oh], rowUpper = rowBounds[2 * oh + 1]
                            for ki in rowLower..<rowUpper {
                                let rowStart = (top + ki) * g.width
                                for kj in touched {
                                    let offset = rowStart + g.columnOffset(kj), entry = 2 * (kj - touched.lowerBound)
                                    for ow in columnBounds[entry]..<columnBounds[entry + 1] {
                                        sum[ow] += input[offset + ow * sw]
                                    }
                                }
                            }
                            if countIncludePad {
                                for ow in 0..<outW { sum[ow] = sum[ow] / window }
                            } else {
                                let rows = rowUpper - rowLower
                                for ow in 0..<outW {
                                    let cells = rows * (kernelColumns[2 * ow + 1] - kernelColumns[2 * ow])
                                    sum[ow] = sum[ow] / Float(max(cells, 1))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `dy: (batch, C · OH · OW) -> dx: (batch, C · H · W)`: `dy / d` to every real cell of each window, swept as
    /// forward reads them.
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        guard let dx else { return }
        let g = geometry, inPlane = g.inputPlane, outPlane = g.outputPlane, outW = g.outputWidth
        let sw = g.window.strideWidth, window = windowArea, touched = touchedColumns, share = shares.base
        if !accumulate { dx.update(repeating: 0, count: batch * inputWidth) }
        rowTable.withUnsafeBufferPointer { rowBounds in
            columnTable.withUnsafeBufferPointer { kernelColumns in
                outputColumnTable.withUnsafeBufferPointer { columnBounds in
                    for plane in 0..<(batch * g.channels) {
                        let gradient = dx + plane * inPlane
                        for oh in 0..<g.outputHeight {
                            let outputGradient = dy + plane * outPlane + oh * outW
                            let top = g.windowTop(oh), rowLower = rowBounds[2 * oh], rowUpper = rowBounds[2 * oh + 1]
                            if countIncludePad {
                                for ow in 0..<outW { share[ow] = outputGradient[ow] / window }
                            } else {
                                let rows = rowUpper - rowLower
                                for ow in 0..<outW {
                                    let cells = rows * (kernelColumns[2 * ow + 1] - kernelColumns[2 * ow])
                                    share[ow] = outputGradient[ow] / Float(max(cells, 1))
                                }
                            }
                            for ki in rowLower..<rowUpper {
                                let rowStart = (top + ki) * g.width
                                for kj in touched {
                                    let offset = rowStart + g.columnOffset(kj), entry = 2 * (kj - touched.lowerBound)
                                    for ow in columnBounds[entry]..<columnBounds[entry + 1] {
                                        gradient[offset + ow * sw] += share[ow]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
