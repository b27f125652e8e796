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
    private let rowTable: [Int]
    private let columnTable: [Int]

    init(geometry: SlidingWindow, countIncludePad: Bool) {
        self.geometry = geometry
        self.countIncludePad = countIncludePad
        rowTable = geometry.kernelRowTable()
        columnTable = geometry.kernelColumnTable()
    }

    var inputWidth: Int { geometry.channels * geometry.inputPlane }
    var outputWidth: Int { geometry.channels * geometry.outputPlane }
    var parameters: [Parameter] { [] }

    func initialize(seed: UInt64) {}

    func reserve(batch: Int) {}

    /// The divisor of a window with this many real rows and columns.
    @inline(__always)
    private func divisor(rows: Int, columns: Int) -> Float {
        let window = geometry.window
        return Float(countIncludePad ? window.kernelHeight * window.kernelWidth : max(rows * columns, 1))
    }

    /// `x: (batch, C · H · W) -> y: (batch, C · OH · OW)`, the mean of each window.
    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        let g = geometry, inPlane = g.inputPlane, outPlane = g.outputPlane
        rowTable.withUnsafeBufferPointer { rowBounds in
            columnTable.withUnsafeBufferPointer { columnBounds in
                for plane in 0..<(batch * g.channels) {
                    let input = x + plane * inPlane, output = y + plane * outPlane
                    for oh in 0..<g.outputHeight {
                        let top = g.windowTop(oh), rowLower = rowBounds[2 * oh], rowUpper = rowBounds[2 * oh + 1]
                        for ow in 0..<g.outputWidth {
                            let left = g.windowLeft(ow)
                            let columnLower = columnBounds[2 * ow], columnUpper = columnBounds[2 * ow + 1]
                            var sum: Float = 0
                            for ki in rowLower..<rowUpper {
                                let row = input + (top + ki) * g.width
                                for kj in columnLower..<columnUpper { sum += row[left + kj] }
                            }
                            output[oh * g.outputWidth + ow] = sum / divisor(rows: rowUpper - rowLower,
                                                                            columns: columnUpper - columnLower)
                        }
                    }
                }
            }
        }
    }

    /// `dy: (batch, C · OH · OW) -> dx: (batch, C · H · W)`: `dy / d` to every real cell of each window.
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        guard let dx else { return }
        let g = geometry, inPlane = g.inputPlane, outPlane = g.outputPlane
        if !accumulate { dx.update(repeating: 0, count: batch * inputWidth) }
        rowTable.withUnsafeBufferPointer { rowBounds in
            columnTable.withUnsafeBufferPointer { columnBounds in
                for plane in 0..<(batch * g.channels) {
                    let gradient = dx + plane * inPlane, outputGradient = dy + plane * outPlane
                    for oh in 0..<g.outputHeight {
                        let top = g.windowTop(oh), rowLower = rowBounds[2 * oh], rowUpper = rowBounds[2 * oh + 1]
                        for ow in 0..<g.outputWidth {
                            let left = g.windowLeft(ow)
                            let columnLower = columnBounds[2 * ow], columnUpper = columnBounds[2 * ow + 1]
                            let share = outputGradient[oh * g.outputWidth + ow]
                                / divisor(rows: rowUpper - rowLower, columns: columnUpper - columnLower)
                            for ki in rowLower..<rowUpper {
                                let row = gradient + (top + ki) * g.width
                                for kj in columnLower..<columnUpper { row[left + kj] += share }
                            }
                        }
                    }
                }
            }
        }
    }
}
